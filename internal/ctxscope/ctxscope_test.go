package ctxscope_test

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/internal/ctxscope"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// probe reports what ctxscope's result says, so that fixtures can assert
// it with // want:
//   - at each function with contexts: "ctxs=[...] scope=[...]";
//   - at each observation: "observed how ctx=X err=Y sentinel=S";
//   - at each call probe(args...): "of=... bg=... best=..." per argument;
//   - at each call cancels(from, e): "cancels=BOOL";
//   - at each call propagates(err): "propagates=BOOL", judged against
//     the observation whose body holds the call.
var probe = &analysis.Analyzer{
	Name:     "probe",
	Doc:      "report ctxscope's view for fixtures",
	Requires: []*analysis.Analyzer{inspect.Analyzer, ctxscope.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		res := pass.ResultOf[ctxscope.Analyzer].(*ctxscope.Result)
		for cur := range in.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.CallExpr)(nil)) {
			f := res.Func(cur)
			switch n := cur.Node().(type) {
			case *ast.FuncDecl, *ast.FuncLit:
				describeFunc(pass, f)
			case *ast.CallExpr:
				id, ok := ast.Unparen(n.Fun).(*ast.Ident)
				if !ok || f == nil {
					continue
				}
				switch id.Name {
				case "probe":
					var parts []string
					for _, a := range n.Args {
						s := "of=nil"
						if c := f.Of(a); c != nil {
							s = "of=" + c.String()
						}
						if bg := f.Background(a); bg != nil {
							s += fmt.Sprintf(" bg@%d", pass.Fset.Position(bg.Pos()).Line)
						}
						parts = append(parts, s)
					}
					best := "none"
					if c := f.Best(n.Pos()); c != nil {
						best = c.Expr()
					}
					pass.Reportf(n.Pos(), "%s best=%s", strings.Join(parts, "; "), best)
				case "cancels":
					pass.Reportf(n.Pos(), "cancels=%t", f.Cancels(n.Args[0], n.Args[1]))
				case "propagates":
					var obs *ctxscope.Observation
					for _, o := range f.Observations {
						if len(o.Body) > 0 && o.Body[0].Pos() <= n.Pos() && n.End() <= o.Body[len(o.Body)-1].End() {
							obs = o
						}
					}
					pass.Reportf(n.Pos(), "propagates=%t", f.Propagates(obs, n.Args[0]))
				}
			}
		}
		return nil, nil
	},
}

func describeFunc(pass *analysis.Pass, f *ctxscope.Func) {
	var ctxs, scope []string
	for _, c := range f.Ctxs {
		ctxs = append(ctxs, c.String())
	}
	for _, c := range f.InScope() {
		scope = append(scope, c.Expr())
	}
	if len(ctxs) > 0 || len(scope) > 0 {
		pass.Reportf(f.Node.Pos(), "ctxs=[%s] scope=[%s]", strings.Join(ctxs, " "), strings.Join(scope, " "))
	}
	for _, o := range f.Observations {
		msg := "observed " + o.How.String()
		if o.Ctx != nil {
			msg += " ctx=" + exprString(o.Ctx)
		}
		if o.Err != nil {
			msg += " err=" + exprString(o.Err)
		}
		if o.Sentinel != "" {
			msg += " " + o.Sentinel
		}
		msg += fmt.Sprintf(" body=%d", len(o.Body))
		pass.Reportf(o.At.Pos(), "%s", msg)
	}
}

func exprString(e ast.Expr) string { return types.ExprString(e) }

func TestScope(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), probe, "scope", "observe")
}
