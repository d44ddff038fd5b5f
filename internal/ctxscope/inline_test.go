package ctxscope_test

import (
	"go/ast"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/internal/ctxscope"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// inlineProbe reports RunsInline at each function literal, and at each
// call visible() the contexts of the enclosing function that Visible
// accepts there.
var inlineProbe = &analysis.Analyzer{
	Name:     "inlineprobe",
	Doc:      "report RunsInline and Visible for fixtures",
	Requires: []*analysis.Analyzer{inspect.Analyzer, ctxscope.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		res := pass.ResultOf[ctxscope.Analyzer].(*ctxscope.Result)
		inliner := ctxscope.NewInliner(pass.TypesInfo)
		for cur := range in.Root().Preorder((*ast.FuncLit)(nil), (*ast.CallExpr)(nil)) {
			switch n := cur.Node().(type) {
			case *ast.FuncLit:
				pass.Reportf(n.Pos(), "inline=%t", inliner.RunsInline(cur))
			case *ast.CallExpr:
				if id, ok := n.Fun.(*ast.Ident); !ok || id.Name != "visible" {
					continue
				}
				var vis []string
				for g := res.Func(cur); g != nil; g = g.Outer {
					for _, c := range g.Ctxs {
						if g.Visible(c, n.Pos()) {
							vis = append(vis, c.Expr())
						}
					}
				}
				pass.Reportf(n.Pos(), "visible=[%s]", strings.Join(vis, " "))
			}
		}
		return nil, nil
	},
}

func TestInline(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), inlineProbe, "inline")
}
