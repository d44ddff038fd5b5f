package scaletest

import (
	"fmt"
	"go/ast"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
)

// TestShapesTypeCheck loads every shape at a small size and its test size.
func TestShapesTypeCheck(t *testing.T) {
	for _, s := range Shapes() {
		for _, n := range []int{1, 3, s.N} {
			if _, err := Load(s.Gen(n)); err != nil {
				t.Errorf("%s at n=%d: %v", s.Name, n, err)
			}
		}
	}
}

// assignments lists the assignment statements of a package.
func assignments(pass *analysis.Pass) []*ast.AssignStmt {
	var out []*ast.AssignStmt
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if a, ok := n.(*ast.AssignStmt); ok {
				out = append(out, a)
			}
			return true
		})
	}
	return out
}

var sink int

// quadratic compares every assignment with every other.
var quadratic = &analysis.Analyzer{
	Name: "quadratic",
	Doc:  "quadratic: a deliberately quadratic analysis",
	Run: func(pass *analysis.Pass) (any, error) {
		as := assignments(pass)
		for _, a := range as {
			for _, b := range as {
				if a.Pos() < b.Pos() {
					sink++
				}
			}
		}
		return nil, nil
	},
}

// linear looks at every assignment a few times.
var linear = &analysis.Analyzer{
	Name: "linear",
	Doc:  "linear: a linear analysis",
	Run: func(pass *analysis.Pass) (any, error) {
		for range 100 {
			for _, a := range assignments(pass) {
				sink += int(a.Pos() & 1)
			}
		}
		return nil, nil
	},
}

type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

// TestCheckCatchesQuadratic proves that Check can fail: a quadratic
// analysis is caught, a linear one is not.
func TestCheckCatchesQuadratic(t *testing.T) {
	shape := Shape{Name: "stmts", N: 2000, Gen: stmts}
	r := &recorder{TB: t}
	m := Check(r, quadratic, shape, false, time.Minute)
	if len(r.errors) == 0 {
		t.Errorf("a quadratic analysis passed: %v", m)
	}
	r = &recorder{TB: t}
	m = Check(r, linear, shape, false, time.Minute)
	if len(r.errors) != 0 {
		t.Errorf("a linear analysis failed: %v", r.errors)
	}
	if m.Small < MinTime {
		t.Errorf("the linear analysis is too fast (%v) for its ratio to mean anything", m.Small)
	}
}
