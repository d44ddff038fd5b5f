package unboundedgo_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/asynclint/asynclint/passes/unboundedgo"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// TestScale checks that the rule's cost grows about linearly with the
// size of adversarial functions: doubling the input must not multiply
// the time by more than 3 (with an absolute floor, since the machines
// that run this are noisy).
func TestScale(t *testing.T) {
	if testing.Short() {
		t.Skip("scale test")
	}
	shapes := []struct {
		name string
		gen  func(n int) string
		n    int
	}{
		{"goroutines in one loop", manyGoroutines, 400},
		{"nested loops", nestedLoops, 40},
		{"statements after the go", longSequel, 4000},
		{"acquire call chain", callChain, 400},
		{"select ladder", selectLadder, 300},
	}
	for _, sh := range shapes {
		t.Run(sh.name, func(t *testing.T) {
			small := timeRun(t, sh.gen(sh.n))
			large := timeRun(t, sh.gen(2*sh.n))
			t.Logf("n=%d: %v, n=%d: %v", sh.n, small, 2*sh.n, large)
			const floor = 100 * time.Millisecond
			if large > 3*max(small, floor) {
				t.Errorf("doubling the input took %v against %v: worse than linear", large, small)
			}
		})
	}
}

// timeRun loads one generated package, then returns the best of three
// runs' wall time of the analysis alone (loading is the type checker's
// cost, not the rule's).
func timeRun(t *testing.T, src string) time.Duration {
	dir := t.TempDir()
	files := map[string]string{"go.mod": "module p\n\ngo 1.26\n", "p.go": src}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax, Dir: dir}, ".")
	if err != nil || packages.PrintErrors(pkgs) > 0 {
		t.Fatalf("loading the generated package: %v", err)
	}
	best := time.Duration(1 << 62)
	for range 3 {
		start := time.Now()
		g, err := checker.Analyze([]*analysis.Analyzer{unboundedgo.Analyzer}, pkgs, nil)
		if err != nil {
			t.Fatal(err)
		}
		best = min(best, time.Since(start))
		for act := range g.All() {
			if act.Err != nil {
				t.Fatal(act.Err)
			}
		}
	}
	return best
}

const header = "package p\n\nfunc work(int) {}\n\n"

// manyGoroutines: one input loop starting n goroutines, each followed by
// other statements.
func manyGoroutines(n int) string {
	var b strings.Builder
	b.WriteString(header + "func f(xs []int, sem chan struct{}) {\n\tfor _, x := range xs {\n")
	for i := range n {
		fmt.Fprintf(&b, "\t\tgo work(x + %d)\n\t\tif x > %d {\n\t\t\twork(x)\n\t\t}\n", i, i)
	}
	b.WriteString("\t}\n}\n")
	return b.String()
}

// nestedLoops: n input loops nested, a goroutine in the innermost.
func nestedLoops(n int) string {
	var b strings.Builder
	b.WriteString(header + "func f(xs []int) {\n")
	for i := range n {
		fmt.Fprintf(&b, "%sfor _, x%d := range xs {\n", strings.Repeat("\t", i+1), i)
		fmt.Fprintf(&b, "%s\tgo work(x%d)\n", strings.Repeat("\t", i+1), i)
	}
	for i := n - 1; i >= 0; i-- {
		fmt.Fprintf(&b, "%s}\n", strings.Repeat("\t", i+1))
	}
	b.WriteString("}\n")
	return b.String()
}

// longSequel: a goroutine at the top of a loop whose body has n more
// statements, nested in ifs, none of which waits.
func longSequel(n int) string {
	var b strings.Builder
	b.WriteString(header + "func f(xs []int) {\n\tfor _, x := range xs {\n\t\tgo work(x)\n")
	for i := range n {
		fmt.Fprintf(&b, "\t\tif x == %d {\n\t\t\twork(%d)\n\t\t}\n", i, i)
	}
	b.WriteString("\t}\n}\n")
	return b.String()
}

// callChain: acquire0 calls acquire1 ... calls the one that sends on the
// semaphore; a loop calls acquire0 before each goroutine.
func callChain(n int) string {
	var b strings.Builder
	b.WriteString(header + "var sem = make(chan struct{}, 4)\n\nfunc release() { <-sem }\n\n")
	for i := range n {
		fmt.Fprintf(&b, "func acquire%d() { acquire%d() }\n", i, i+1)
	}
	fmt.Fprintf(&b, "func acquire%d() { sem <- struct{}{} }\n\n", n)
	b.WriteString("func f(xs []int) {\n\tfor _, x := range xs {\n\t\tacquire0()\n\t\tgo func() { defer release(); work(x) }()\n\t}\n}\n")
	return b.String()
}

// selectLadder: a for-select loop with n receive cases, each starting a
// goroutine.
func selectLadder(n int) string {
	var b strings.Builder
	b.WriteString(header + "func f(chs []chan int) {\n\tfor {\n\t\tselect {\n")
	for i := range n {
		fmt.Fprintf(&b, "\t\tcase v := <-chs[%d]:\n\t\t\tgo work(v)\n", i)
	}
	b.WriteString("\t\t}\n\t}\n}\n")
	return b.String()
}
