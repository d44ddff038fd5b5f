package blocking_test

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/internal/blocking"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// TestFacts checks the facts blocking exports, across packages.
func TestFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), blocking.Analyzer, "facts", "facts/lib")
}

// probe reports blocking's operations in each loop body, so that the
// ops fixture can assert the per-node query rules use.
var probe = &analysis.Analyzer{
	Name:     "probe",
	Doc:      "report blocking's operations per loop body for fixtures",
	Requires: []*analysis.Analyzer{inspect.Analyzer, blocking.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		res := pass.ResultOf[blocking.Analyzer].(*blocking.Result)
		for cur := range in.Root().Preorder((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil)) {
			var body inspector.Cursor
			switch cur.Node().(type) {
			case *ast.ForStmt:
				body = cur.ChildAt(edge.ForStmt_Body, -1)
			case *ast.RangeStmt:
				body = cur.ChildAt(edge.RangeStmt_Body, -1)
			}
			var parts []string
			for _, op := range res.Ops(body) {
				parts = append(parts, describe(op))
			}
			pass.Reportf(cur.Node().Pos(), "ops=[%s] kinds=%s", strings.Join(parts, " "), res.Kinds(body))
		}
		return nil, nil
	},
}

func describe(op blocking.Op) string {
	var what string
	switch n := op.Node.(type) {
	case *ast.CallExpr:
		what = op.Callee.Name()
	case *ast.SendStmt:
		what = "send"
	case *ast.UnaryExpr:
		what = "recv"
	case *ast.RangeStmt:
		what = "range"
	case *ast.SelectStmt:
		what = "select"
	default:
		what = fmt.Sprintf("%T", n)
	}
	s := what + "(" + op.Kind.String()
	if op.Depth > 0 {
		s += fmt.Sprintf("@%d", op.Depth)
	}
	if op.Done != nil {
		s += " done=" + types.ExprString(op.Done)
	}
	return s + ")"
}

// TestOps checks the operations Result.Ops finds in a node.
func TestOps(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), probe, "ops")
}
