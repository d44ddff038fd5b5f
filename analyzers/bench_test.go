package analyzers

import (
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/appends"
	"golang.org/x/tools/go/analysis/passes/asmdecl"
	"golang.org/x/tools/go/analysis/passes/assign"
	"golang.org/x/tools/go/analysis/passes/atomic"
	"golang.org/x/tools/go/analysis/passes/bools"
	"golang.org/x/tools/go/analysis/passes/buildtag"
	"golang.org/x/tools/go/analysis/passes/cgocall"
	"golang.org/x/tools/go/analysis/passes/composite"
	"golang.org/x/tools/go/analysis/passes/copylock"
	"golang.org/x/tools/go/analysis/passes/directive"
	"golang.org/x/tools/go/analysis/passes/errorsas"
	"golang.org/x/tools/go/analysis/passes/framepointer"
	"golang.org/x/tools/go/analysis/passes/httpresponse"
	"golang.org/x/tools/go/analysis/passes/ifaceassert"
	"golang.org/x/tools/go/analysis/passes/loopclosure"
	"golang.org/x/tools/go/analysis/passes/lostcancel"
	"golang.org/x/tools/go/analysis/passes/nilfunc"
	"golang.org/x/tools/go/analysis/passes/printf"
	"golang.org/x/tools/go/analysis/passes/shift"
	"golang.org/x/tools/go/analysis/passes/sigchanyzer"
	"golang.org/x/tools/go/analysis/passes/stdmethods"
	"golang.org/x/tools/go/analysis/passes/stringintconv"
	"golang.org/x/tools/go/analysis/passes/structtag"
	"golang.org/x/tools/go/analysis/passes/testinggoroutine"
	"golang.org/x/tools/go/analysis/passes/tests"
	"golang.org/x/tools/go/analysis/passes/timeformat"
	"golang.org/x/tools/go/analysis/passes/unmarshal"
	"golang.org/x/tools/go/analysis/passes/unreachable"
	"golang.org/x/tools/go/analysis/passes/unsafeptr"
	"golang.org/x/tools/go/analysis/passes/unusedresult"
	"golang.org/x/tools/go/packages"
)

// vetSuite is go vet's default set of analyzers (cmd/vet's main).
var vetSuite = []*analysis.Analyzer{
	appends.Analyzer, asmdecl.Analyzer, assign.Analyzer, atomic.Analyzer, bools.Analyzer,
	buildtag.Analyzer, cgocall.Analyzer, composite.Analyzer, copylock.Analyzer, directive.Analyzer,
	errorsas.Analyzer, framepointer.Analyzer, httpresponse.Analyzer, ifaceassert.Analyzer,
	loopclosure.Analyzer, lostcancel.Analyzer, nilfunc.Analyzer, printf.Analyzer, shift.Analyzer,
	sigchanyzer.Analyzer, stdmethods.Analyzer, stringintconv.Analyzer, structtag.Analyzer,
	tests.Analyzer, testinggoroutine.Analyzer, timeformat.Analyzer, unmarshal.Analyzer,
	unreachable.Analyzer, unsafeptr.Analyzer, unusedresult.Analyzer,
}

var (
	benchOnce sync.Once
	benchPkgs []*packages.Package
	benchErr  error
)

// benchPackages loads a slice of the standard library with syntax for every
// package (as go vet's per-package route sees each one), once.
func benchPackages(b *testing.B) []*packages.Package {
	benchOnce.Do(func() {
		cfg := &packages.Config{Mode: packages.LoadAllSyntax}
		benchPkgs, benchErr = packages.Load(cfg, "net/http", "encoding/json", "os/exec", "database/sql", "go/types")
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchPkgs
}

// BenchmarkAnalysis compares the analysis cost of the suite with go vet's
// default suite on the same type-checked packages and their dependencies
// (facts included), leaving out loading, which both routes share:
//
//	go test ./analyzers -run '^$' -bench Analysis -count 5 | benchstat -
func BenchmarkAnalysis(b *testing.B) {
	pkgs := benchPackages(b)
	for _, suite := range []struct {
		name      string
		analyzers []*analysis.Analyzer
	}{
		{"vet", vetSuite},
		{"asynclint", All()},                   // every rule, the off-by-default ones too
		{"asynclint-default", defaultSuite(b)}, // what asynclint ./... runs
	} {
		b.Run(suite.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := checker.Analyze(suite.analyzers, pkgs, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// defaultSuite is the rules on by default and the directive checker.
func defaultSuite(b *testing.B) []*analysis.Analyzer {
	rules, err := Select(nil)
	if err != nil {
		b.Fatal(err)
	}
	return ForRun(rules, true)
}
