package unboundedgo_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/asynclint/asynclint/internal/scaletest"
	"github.com/asynclint/asynclint/passes/unboundedgo"
)

// TestScale runs adversarial functions through scaletest.Check: doubling
// the input must not multiply the CPU time by more than scaletest's
// ratio, under a generous cap.
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
		{"nested loops", nestedLoops, 200},
		{"statements after the go", longSequel, 4000},
		{"acquire call chain", callChain, 400},
		{"select ladder", selectLadder, 300},
	}
	for _, sh := range shapes {
		shape := scaletest.Shape{Name: sh.name, N: sh.n, Gen: func(n int) scaletest.Program {
			return scaletest.Program{{Path: "p", Files: []string{sh.gen(n)}}}
		}}
		t.Run(sh.name, func(t *testing.T) {
			scaletest.Check(t, unboundedgo.Analyzer, shape, false, 10*time.Second)
		})
	}
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
