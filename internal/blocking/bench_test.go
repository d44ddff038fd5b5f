package blocking_test

import (
	"bytes"
	"encoding/gob"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/asynclint/asynclint/internal/blocking"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/analysis/passes/lostcancel"
	"golang.org/x/tools/go/analysis/passes/printf"
	"golang.org/x/tools/go/ast/inspector"
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
// package and its dependencies (facts included), beside x/tools'
// ctrlflow (a building block with facts of the same shape) and vet's
// lostcancel and printf:
//
//	go test ./internal/blocking -run '^$' -bench Blocks -cpu 1 -count 5
//
// ns/op is the whole checker run, loading aside: it is dominated by the
// inspector every analyzer shares and by the garbage collector, and is
// noisy. own-ms/op is the CPU time of the process during the analyzer's
// own Run (for blocking, with the ctxscope questions it asks), summed
// over the packages: the cost it adds to a suite that already builds the
// inspector. It is exact with -cpu 1 only (with more, runs overlap). "inspector" is the time to build the inspectors of all the
// packages, for scale. Each blocking run also reports the facts exported
// and their gob size.
func BenchmarkBlocks(b *testing.B) {
	pkgs := benchPackages(b)
	var all []*packages.Package
	packages.Visit(pkgs, nil, func(p *packages.Package) { all = append(all, p) })
	b.Run("inspector", func(b *testing.B) {
		var own time.Duration
		for b.Loop() {
			start := cpuTime()
			for _, p := range all {
				inspector.New(p.Syntax)
			}
			own += cpuTime() - start
		}
		b.ReportMetric(float64(own.Milliseconds())/float64(b.N), "own-ms/op")
	})
	for _, a := range []*analysis.Analyzer{baseline, blocking.Analyzer, ctrlflow.Analyzer, lostcancel.Analyzer, printf.Analyzer} {
		b.Run(a.Name, func(b *testing.B) {
			timed, own := timedCopy(a)
			var graph *checker.Graph
			for b.Loop() {
				var err error
				if graph, err = checker.Analyze([]*analysis.Analyzer{timed}, pkgs, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(own.Load())/1e6/float64(b.N), "own-ms/op")
			if a != blocking.Analyzer {
				return
			}
			n, size := 0, 0
			for act := range graph.All() {
				if act.Analyzer != timed {
					continue
				}
				var buf bytes.Buffer
				for _, f := range act.AllObjectFacts() {
					if f.Object.Pkg() == act.Package.Types {
						n++
						if err := gob.NewEncoder(&buf).Encode(f.Fact); err != nil {
							b.Fatal(err)
						}
					}
				}
				size += buf.Len()
			}
			b.ReportMetric(float64(n), "facts")
			b.ReportMetric(float64(size), "fact-bytes")
		})
	}
}

// timedCopy returns a copy of a whose Run adds its duration to own.
func timedCopy(a *analysis.Analyzer) (*analysis.Analyzer, *atomic.Int64) {
	own := new(atomic.Int64)
	c := *a
	c.Run = func(pass *analysis.Pass) (any, error) {
		start := cpuTime()
		defer func() { own.Add(int64(cpuTime() - start)) }()
		return a.Run(pass)
	}
	return &c, own
}
