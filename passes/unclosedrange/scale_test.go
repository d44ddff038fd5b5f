package unclosedrange_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/asynclint/asynclint/internal/scaletest"
	"github.com/asynclint/asynclint/passes/unclosedrange"
)

// TestScaleDeferredClosures runs a function with n local closures, each
// calling the one before, the first closing the channel through a
// sync.Once, and n defers of them, half before the consumer starts and
// half after: every defer is judged, each following its closure chain
// (chanflow's maxClosureDepth), so a search that walked the function or
// the chain again for each defer would grow quadratically. Doubling n
// must not multiply the CPU time by more than scaletest's ratio.
func TestScaleDeferredClosures(t *testing.T) {
	if testing.Short() {
		t.Skip("scale test")
	}
	shape := scaletest.Shape{Name: "deferred closures", N: 400, Gen: func(n int) scaletest.Program {
		return scaletest.Program{{Path: "p", Files: []string{deferredClosures(n)}}}
	}}
	scaletest.Check(t, unclosedrange.Analyzer, shape, false, 10*time.Second)
}

func deferredClosures(n int) string {
	var b strings.Builder
	b.WriteString("package p\n\nimport \"sync\"\n\nfunc f(xs []int) error {\n\tch := make(chan int)\n\tvar once sync.Once\n")
	b.WriteString("\tc0 := func() { once.Do(func() { close(ch) }) }\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "\tc%d := func() {\n\t\tif len(xs) > %d {\n\t\t\tc%d()\n\t\t}\n\t\tc%d()\n\t}\n", i, i, i-1, i-1)
	}
	for i := n - 1; i >= n/2; i-- {
		fmt.Fprintf(&b, "\tdefer c%d()\n", i)
	}
	b.WriteString("\tgo func() {\n\t\tfor range ch {\n\t\t}\n\t}()\n")
	for i := n/2 - 1; i >= 1; i-- {
		fmt.Fprintf(&b, "\tdefer c%d()\n", i)
	}
	b.WriteString("\tfor _, x := range xs {\n\t\tch <- x\n\t}\n\treturn nil\n}\n")
	return b.String()
}
