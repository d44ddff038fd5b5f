package blocking_test

import (
	"bytes"
	"encoding/gob"
	"sync"
	"testing"

	"github.com/asynclint/asynclint/internal/blocking"
	"github.com/asynclint/asynclint/internal/ctxscope"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/analysis/passes/lostcancel"
	"golang.org/x/tools/go/analysis/passes/printf"
	"golang.org/x/tools/go/packages"
)

var (
	benchOnce sync.Once
	benchPkgs []*packages.Package
	benchErr  error
)

// benchPackages loads the slice of the standard library that
// analyzers.BenchmarkAnalysis uses, with syntax for every dependency (as
// go vet's per-package route sees each one), once.
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

// baseline is what any analyzer with facts that requires the inspector
// costs: it runs on every dependency and builds its inspector, and does
// nothing else. The blocks' own cost is their time above it.
var baseline = &analysis.Analyzer{
	Name:      "baseline",
	Doc:       "nothing, on every package",
	Requires:  []*analysis.Analyzer{inspect.Analyzer},
	FactTypes: []analysis.Fact{new(noFact)},
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
}

type noFact struct{}

func (*noFact) AFact() {}

// BenchmarkBlocks measures what the building blocks cost on every
// package and its dependencies (facts included), beside the inspector
// they all share, x/tools' ctrlflow (a building block with facts of the
// same shape), and vet's lostcancel and printf:
//
//	go test ./internal/blocking -run '^$' -bench Blocks -count 5 | benchstat -
//
// "blocking" runs ctxscope too (it requires it); "ctxscope" with the
// baseline is nearly the baseline, since it answers on demand. Each run also reports the
// facts blocking exported and their gob size.
func BenchmarkBlocks(b *testing.B) {
	pkgs := benchPackages(b)
	for _, c := range []struct {
		name      string
		analyzers []*analysis.Analyzer
	}{
		{"baseline", []*analysis.Analyzer{baseline}},
		{"ctxscope", []*analysis.Analyzer{ctxscope.Analyzer, baseline}},
		{"blocking", []*analysis.Analyzer{blocking.Analyzer}},
		{"ctrlflow", []*analysis.Analyzer{ctrlflow.Analyzer}},
		{"lostcancel", []*analysis.Analyzer{lostcancel.Analyzer}},
		{"printf", []*analysis.Analyzer{printf.Analyzer}},
	} {
		b.Run(c.name, func(b *testing.B) {
			var graph *checker.Graph
			for b.Loop() {
				var err error
				if graph, err = checker.Analyze(c.analyzers, pkgs, nil); err != nil {
					b.Fatal(err)
				}
			}
			if c.name != "blocking" {
				return
			}
			n, size, pkgCount := 0, 0, 0
			for act := range graph.All() {
				if act.Analyzer != blocking.Analyzer {
					continue
				}
				pkgCount++
				var buf bytes.Buffer
				for _, f := range act.AllObjectFacts() {
					if f.Object.Pkg() == act.Package.Types {
						n++
						gob.NewEncoder(&buf).Encode(f.Fact)
					}
				}
				size += buf.Len()
			}
			b.ReportMetric(float64(n), "facts")
			b.ReportMetric(float64(size), "fact-bytes")
			b.ReportMetric(float64(pkgCount), "packages")
		})
	}
}
