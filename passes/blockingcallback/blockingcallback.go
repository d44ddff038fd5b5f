package blockingcallback

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/asynclint/asynclint/internal/blocking"
	"github.com/asynclint/asynclint/internal/noreturn"
	"github.com/asynclint/asynclint/internal/ruledoc"
	"github.com/asynclint/asynclint/internal/suppress"
	"github.com/asynclint/asynclint/internal/testcode"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

//go:embed doc.go
var doc string

// Analyzer is the blockingcallback rule.
var Analyzer = &analysis.Analyzer{
	Name:     "blockingcallback",
	Doc:      ruledoc.Summary(doc, "blockingcallback"),
	URL:      ruledoc.URL("blockingcallback"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, suppress.Analyzer, blocking.Analyzer, noreturn.Analyzer},
	Run:      run,
}

var (
	tests   bool     // -blockingcallback.tests
	loops   bool     // -blockingcallback.loops
	workers bool     // -blockingcallback.workers
	funcs   funcList // -blockingcallback.funcs
	deep    bool     // -blockingcallback.deep
)

func init() {
	Analyzer.Flags.Var(&funcs, "funcs", "comma-separated serial dispatchers of the project, whose func arguments run one at a time: pkg/path.Func or (*pkg/path.T).Method")
	Analyzer.Flags.BoolVar(&workers, "workers", false, "also judge worker loops: a for/select with a stop case and a single other case")
	Analyzer.Flags.BoolVar(&loops, "loops", false, "also report loops over a slice, map or string in a callback, not only counting loops")
	Analyzer.Flags.BoolVar(&deep, "deep", false, "follow calls to waits up to blocking.MaxDepth (4) calls deep, not only 2")
	Analyzer.Flags.BoolVar(&tests, "tests", false, "also report in test code (_test.go files and files importing testing)")
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{
		pass:     pass,
		in:       in,
		blocks:   pass.ResultOf[blocking.Analyzer].(*blocking.Result),
		reported: map[token.Pos]bool{},
		judged:   map[ast.Node]bool{},
	}
	c.dispatchLoops()
	c.teaUpdates()
	c.informerHandlers()
	c.listedDispatchers()
	return nil, nil
}

// checker holds what run learns about the package.
type checker struct {
	pass     *analysis.Pass
	in       *inspector.Inspector
	blocks   *blocking.Result
	reported map[token.Pos]bool // a wait reachable from two callbacks is reported once
	judged   map[ast.Node]bool  // function bodies judged as callbacks
	decls    map[*types.Func]inspector.Cursor
	chans    map[types.Object]bufState // computed on first need
}

// skipped reports whether code at pos is not to be judged: test code,
// unless -blockingcallback.tests.
func (c *checker) skipped(pos token.Pos) bool {
	return !tests && testcode.Contains(c.pass, pos)
}

// decl returns the cursor of fn's declaration in this package.
func (c *checker) decl(fn *types.Func) (inspector.Cursor, bool) {
	if c.decls == nil {
		c.decls = map[*types.Func]inspector.Cursor{}
		for cur := range c.in.Root().Preorder((*ast.FuncDecl)(nil)) {
			d := cur.Node().(*ast.FuncDecl)
			if f, ok := c.pass.TypesInfo.Defs[d.Name].(*types.Func); ok && d.Body != nil {
				c.decls[f] = cur
			}
		}
	}
	cur, ok := c.decls[fn]
	return cur, ok
}
