package leakcheck

import (
	"go/version"
	"runtime"
	"testing"
)

// TestMethod checks that the goroutineleak profile is used wherever the
// toolchain has it: from Go 1.27 on with no experiment set.
func TestMethod(t *testing.T) {
	if version.Compare(version.Lang(runtime.Version()), "go1.27") >= 0 && Method() != "goroutineleak profile" {
		t.Errorf("built by %s, Stuck counts by %s; want the goroutineleak profile", runtime.Version(), Method())
	}
	t.Logf("%s: %s", runtime.Version(), Method())
}

func leakSenders(n int) {
	for range n {
		ch := make(chan int)
		go func() { ch <- 1 }()
	}
}

func TestStuckCountsBlockedSenders(t *testing.T) {
	before := Stuck("leakcheck.leakSenders") // earlier runs' (go test -count)
	leakSenders(3)
	Settle()
	if got := Stuck("leakcheck.leakSenders") - before; got != 3 {
		t.Errorf("Stuck = %d by %s, want 3", got, Method())
	}
	if got := Stuck("no.such.function"); got != 0 {
		t.Errorf("Stuck(no match) = %d, want 0", got)
	}
}

func TestCountProfile(t *testing.T) {
	profile := []byte("goroutineleak profile: total 5\n" +
		"3 @ 0x1 0x2\n#\t0x1\tp.a.func1+0x1d\t/x.go:12\n\n" +
		"2 @ 0x3\n#\t0x3\tp.b+0x1\t/x.go:20\n")
	if got := countProfile(profile, "p.a"); got != 3 {
		t.Errorf("countProfile(p.a) = %d, want 3", got)
	}
	if got := countProfile(profile, "p."); got != 5 {
		t.Errorf("countProfile(p.) = %d, want 5", got)
	}
}
