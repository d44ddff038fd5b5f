package blocking_test

import (
	"fmt"
	"go/ast"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/internal/blocking"
	"github.com/asynclint/asynclint/internal/ctxscope"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/packages"
)

// everything asks every question of both blocks about every block
// statement and call, so that TestStd exercises them on real code.
var everything = &analysis.Analyzer{
	Name:     "everything",
	Doc:      "ask everything",
	Requires: []*analysis.Analyzer{inspect.Analyzer, ctxscope.Analyzer, blocking.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		cs := pass.ResultOf[ctxscope.Analyzer].(*ctxscope.Result)
		blk := pass.ResultOf[blocking.Analyzer].(*blocking.Result)
		for cur := range in.Root().Preorder((*ast.BlockStmt)(nil), (*ast.CallExpr)(nil)) {
			blk.Ops(cur)
			blk.Kinds(cur)
			f := cs.Func(cur)
			if f == nil {
				continue
			}
			if call, ok := cur.Node().(*ast.CallExpr); ok {
				for _, a := range call.Args {
					if c := f.Of(a); c != nil {
						_ = c.String()
						f.Best(call.Pos())
						f.Background(a)
						for _, d := range f.Ctxs {
							f.CancelsCtx(d, a)
						}
					}
				}
			}
			for _, o := range f.Observations {
				for _, st := range o.Body {
					if r, ok := st.(*ast.ReturnStmt); ok && len(r.Results) > 0 {
						f.Propagates(o, r.Results[len(r.Results)-1])
					}
				}
			}
		}
		return nil, nil
	},
}

// TestStd runs both blocks, and every question, over the standard
// library (or BLOCKING_PATTERNS loaded in BLOCKING_DIR), fails on any
// error, and prints the facts exported, for reading:
//
//	BLOCKING_STD=1 go test ./internal/blocking -run TestStd -v
func TestStd(t *testing.T) {
	if os.Getenv("BLOCKING_STD") == "" {
		t.Skip("set BLOCKING_STD=1")
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: os.Getenv("BLOCKING_DIR")}
	patterns := []string{"std"}
	if p := os.Getenv("BLOCKING_PATTERNS"); p != "" {
		patterns = strings.Fields(p)
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	g, err := checker.Analyze([]*analysis.Analyzer{everything}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for act := range g.All() {
		if act.Err != nil {
			t.Errorf("%s: %v", act, act.Err)
		}
		if act.Analyzer != blocking.Analyzer {
			continue
		}
		for _, f := range act.AllObjectFacts() {
			if f.Object.Pkg() == act.Package.Types {
				lines = append(lines, fmt.Sprintf("%s\t%s", f.Object, f.Fact))
			}
		}
	}
	sort.Strings(lines)
	for _, l := range lines {
		fmt.Println(l)
	}
}
