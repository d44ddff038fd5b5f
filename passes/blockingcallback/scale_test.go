package blockingcallback_test

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/asynclint/asynclint/internal/scaletest"
	"github.com/asynclint/asynclint/passes/blockingcallback"
)

// The scale test generates adversarial packages at a size and twice
// that size and checks that the larger costs at most scaleRatio times
// the smaller (the fastest of scaleRuns runs each, in process CPU time,
// with the garbage collector off during the run; the machines are shared
// and noisy), under an absolute cap that also catches a hang.
const (
	scaleRatio    = 3.0
	scaleRuns     = 5
	scaleAttempts = 3
	scaleCap      = 10 * time.Second
)

var scaleCases = []struct {
	name string
	n    int
	gen  func(n int) string
}{
	{"wide dispatch loop", 300, wideLoop},
	{"nested dispatch loops", 200, nestedLoops},
	{"long case bodies", 2000, longCase},
}

const scalePrelude = `package p

import (
	"context"
	"sync"
	"time"
)

var _ = sync.WaitGroup{}
var _ = time.Second

func slow(ch chan int) { ch <- 1 }
`

// wideLoop is one dispatch loop with n event cases, each of which
// sleeps, waits and loops over input.
func wideLoop(n int) string {
	var b strings.Builder
	b.WriteString(scalePrelude)
	b.WriteString("func Loop(ctx context.Context, k int, wg *sync.WaitGroup")
	for i := range n {
		fmt.Fprintf(&b, ", c%d chan int", i)
	}
	b.WriteString(") {\n\tfor {\n\t\tselect {\n\t\tcase <-ctx.Done():\n\t\t\treturn\n")
	for i := range n {
		fmt.Fprintf(&b, "\t\tcase v := <-c%d:\n\t\t\ttime.Sleep(time.Duration(v))\n\t\t\twg.Wait()\n\t\t\tslow(c%d)\n\t\t\tfor j := 0; j < k; j++ {\n\t\t\t\t_ = j\n\t\t\t}\n", i, i)
	}
	b.WriteString("\t\t}\n\t}\n}\n")
	return b.String()
}

// nestedLoops is n dispatch loops, each nested in a case of the one
// before, each case with some work: without a bound on the nesting
// judged, every level walks everything inside it again.
func nestedLoops(n int) string {
	var b strings.Builder
	b.WriteString(scalePrelude)
	b.WriteString("func Nest(ctx context.Context, a, c chan int) {\n")
	for range n {
		b.WriteString("for {\nselect {\ncase <-ctx.Done():\nreturn\ncase <-c:\ntime.Sleep(1)\ncase <-a:\nslow(a)\n")
	}
	for range n {
		b.WriteString("}\n}\n")
	}
	b.WriteString("}\n")
	return b.String()
}

// longCase is a dispatch loop whose one event case is n statements long.
func longCase(n int) string {
	var b strings.Builder
	b.WriteString(scalePrelude)
	b.WriteString("func Long(ctx context.Context, a, c chan int, k int) {\n\tfor {\n\t\tselect {\n\t\tcase <-ctx.Done():\n\t\t\treturn\n\t\tcase <-a:\n\t\tcase v := <-c:\n")
	for i := range n {
		switch i % 4 {
		case 0:
			b.WriteString("\t\t\ttime.Sleep(time.Duration(v))\n")
		case 1:
			b.WriteString("\t\t\tif v > k {\n\t\t\t\tslow(c)\n\t\t\t}\n")
		case 2:
			b.WriteString("\t\t\tfor j := 0; j < k; j++ {\n\t\t\t\tv += j\n\t\t\t}\n")
		default:
			b.WriteString("\t\t\tgo slow(c)\n")
		}
	}
	b.WriteString("\t\t}\n\t}\n}\n")
	return b.String()
}

// TestScale checks that the cost grows near-linearly with the size.
func TestScale(t *testing.T) {
	if testing.Short() {
		t.Skip("scale test")
	}
	for _, c := range scaleCases {
		t.Run(c.name, func(t *testing.T) {
			for attempt := range scaleAttempts {
				small, large, found := fastest(t, c.gen(c.n), c.gen(2*c.n))
				ratio := float64(large) / float64(small)
				t.Logf("n=%d: %v; n=%d: %v; ratio %.2f; findings %d/%d", c.n, small, 2*c.n, large, ratio, found[0], found[1])
				if found[0] == 0 || found[1] <= found[0] {
					t.Fatalf("findings %d at n, %d at 2n: the shape no longer exercises the rule", found[0], found[1])
				}
				if large > scaleCap {
					t.Fatalf("n=%d took %v, over the cap of %v", 2*c.n, large, scaleCap)
				}
				if large < time.Millisecond || ratio <= scaleRatio {
					return // below a millisecond the ratio is mostly noise
				}
				if attempt == scaleAttempts-1 {
					t.Errorf("doubling the input multiplied the time by %.2f (> %.1f) in %d attempts", ratio, scaleRatio, scaleAttempts)
				}
			}
		})
	}
}

// fastest type-checks the sources and returns the fastest of scaleRuns
// runs of the rule and what it requires over each (scaletest's driver,
// facts included), and the number of findings.
func fastest(t *testing.T, small, large string) (time.Duration, time.Duration, [2]int) {
	t.Helper()
	var ls []*scaletest.Loaded
	for _, src := range []string{small, large} {
		l, err := scaletest.Load(scaletest.Program{{Path: "p", Files: []string{src}}})
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
	}
	best := [2]time.Duration{1<<63 - 1, 1<<63 - 1}
	var found [2]int
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	for range scaleRuns {
		for i, l := range ls {
			runtime.GC()
			start := cpuTime()
			n, err := scaletest.Run(l, blockingcallback.Analyzer)
			if err != nil {
				t.Fatal(err)
			}
			found[i] = n
			best[i] = min(best[i], cpuTime()-start)
		}
	}
	return best[0], best[1], found
}
