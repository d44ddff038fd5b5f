package noreturn_test

import (
	"go/ast"
	"testing"

	"github.com/asynclint/asynclint/internal/noreturn"
	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// TestFacts checks the facts exported for a project's own helpers.
func TestFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), noreturn.Analyzer, "helpers")
}

// statementCalls calls f for every call used as a statement.
func statementCalls(pass *analysis.Pass, f func(*ast.CallExpr)) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range in.Root().Preorder((*ast.ExprStmt)(nil)) {
		if call, ok := cur.Node().(*ast.ExprStmt).X.(*ast.CallExpr); ok {
			f(call)
		}
	}
}

// probe reports what the Result says of each call statement.
var probe = &analysis.Analyzer{
	Name:     "probe",
	Doc:      "probe: report the calls noreturn says never return",
	Requires: []*analysis.Analyzer{inspect.Analyzer, noreturn.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		r := pass.ResultOf[noreturn.Analyzer].(*noreturn.Result)
		statementCalls(pass, func(call *ast.CallExpr) {
			switch {
			case r.CallExits(call):
				pass.Reportf(call.Pos(), "exits")
			case r.Call(call):
				pass.Reportf(call.Pos(), "noReturn")
			}
		})
		return nil, nil
	},
}

// TestCalls checks the answers for calls, across packages.
func TestCalls(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), probe, "uses")
}

// ctrlProbe reports the call statements ctrlflow alone cuts.
var ctrlProbe = &analysis.Analyzer{
	Name:     "ctrlprobe",
	Doc:      "ctrlprobe: report the calls ctrlflow says never return",
	Requires: []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
		statementCalls(pass, func(call *ast.CallExpr) {
			if fn := typematch.Callee(pass.TypesInfo, call); fn != nil && cfgs.NoReturn(fn) {
				pass.Reportf(call.Pos(), "ctrlflow")
			}
		})
		return nil, nil
	},
}

// TestCtrlflowInfers records what ctrlflow infers without help, with
// facts flowing from the standard library as under go vet: the testing
// methods (through runtime.Goexit), log.Fatal and log.Panic, os.Exit,
// but not calls through testing.TB.
func TestCtrlflowInfers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), ctrlProbe, "ctrl")
}
