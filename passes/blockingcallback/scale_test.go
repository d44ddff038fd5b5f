package blockingcallback_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/asynclint/asynclint/internal/scaletest"
	"github.com/asynclint/asynclint/passes/blockingcallback"
)

// scaleCap bounds one analysis of a shape at twice its size: generous,
// for loaded machines; scaletest's ratio is the real test.
const scaleCap = 10 * time.Second

var scaleCases = []struct {
	name string
	n    int
	gen  func(n int) string
}{
	{"wide dispatch loop", 1200, wideLoop},
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

// TestScale runs each shape through scaletest.Check (CPU time at n and
// 2n, the ratio bar and a cap), and checks that the shape still makes
// the rule report more at 2n than at n.
func TestScale(t *testing.T) {
	if testing.Short() {
		t.Skip("scale test")
	}
	for _, c := range scaleCases {
		shape := scaletest.Shape{Name: c.name, N: c.n, Gen: func(n int) scaletest.Program {
			return scaletest.Program{{Path: "p", Files: []string{c.gen(n)}}}
		}}
		t.Run(c.name, func(t *testing.T) {
			m := scaletest.Check(t, blockingcallback.Analyzer, shape, false, scaleCap)
			if m.Diags[0] == 0 || m.Diags[1] <= m.Diags[0] {
				t.Errorf("findings %d at n, %d at 2n: the shape no longer exercises the rule", m.Diags[0], m.Diags[1])
			}
		})
	}
}
