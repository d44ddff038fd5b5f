// Package scaletest measures how an analyzer's cost grows with the size of
// the code it reads. It generates adversarial programs ([Shapes]: many
// independent ifs between a goroutine's start and its wait, a huge switch,
// ten thousand statements, hundreds of goroutines in one function, deeply
// nested loops, select ladders, deep and recursive call chains across
// packages), runs an analyzer with everything it requires over them at a
// size n and at 2n, and compares the times: a search that is near-linear
// costs about twice as much at 2n, a quadratic one four times, an
// exponential one never finishes.
//
// The driver is minimal and in process: generated packages are parsed and
// type-checked once (standard-library imports come from export data), then
// each measurement runs the analyzer's requirement graph afresh over them in
// dependency order, facts flowing between the generated packages as under go
// vet. Facts about the standard library are absent, which no shape relies on.
package scaletest

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"reflect"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"golang.org/x/tools/go/analysis"
)

// Package is one generated package: its import path and its files' text.
type Package struct {
	Path  string
	Files []string
}

// Program is a set of generated packages, each importing only the standard
// library and packages listed before it.
type Program []Package

// Loaded is a type-checked program, ready to analyze any number of times.
type Loaded struct {
	Fset  *token.FileSet
	Pkgs  []*LoadedPackage
	Lines int // source lines in all files, for the record
}

// LoadedPackage is one package of a Loaded program.
type LoadedPackage struct {
	Types *types.Package
	Info  *types.Info
	Files []*ast.File
}

var (
	stdOnce sync.Once
	stdImp  types.Importer
	stdMu   sync.Mutex
)

// Load parses and type-checks prog.
func Load(prog Program) (*Loaded, error) {
	stdOnce.Do(func() { stdImp = importer.Default() })
	l := &Loaded{Fset: token.NewFileSet()}
	byPath := map[string]*types.Package{}
	imp := importerFunc(func(path string) (*types.Package, error) {
		if p, ok := byPath[path]; ok {
			return p, nil
		}
		stdMu.Lock() // the export-data importer is not safe for concurrent use
		defer stdMu.Unlock()
		return stdImp.Import(path)
	})
	for _, p := range prog {
		var files []*ast.File
		for i, src := range p.Files {
			name := fmt.Sprintf("%s/f%d.go", p.Path, i)
			f, err := parser.ParseFile(l.Fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
			if err != nil {
				return nil, err
			}
			files = append(files, f)
			l.Lines += l.Fset.File(f.FileStart).LineCount()
		}
		info := &types.Info{
			Types:        map[ast.Expr]types.TypeAndValue{},
			Defs:         map[*ast.Ident]types.Object{},
			Uses:         map[*ast.Ident]types.Object{},
			Implicits:    map[ast.Node]types.Object{},
			Instances:    map[*ast.Ident]types.Instance{},
			Scopes:       map[ast.Node]*types.Scope{},
			Selections:   map[*ast.SelectorExpr]*types.Selection{},
			FileVersions: map[*ast.File]string{},
		}
		conf := &types.Config{Importer: imp, GoVersion: "go1.26"}
		pkg, err := conf.Check(p.Path, l.Fset, files, info)
		if err != nil {
			return nil, fmt.Errorf("generated package %s: %v", p.Path, err)
		}
		byPath[p.Path] = pkg
		l.Pkgs = append(l.Pkgs, &LoadedPackage{Types: pkg, Info: info, Files: files})
	}
	return l, nil
}

type importerFunc func(string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// Run runs root, and the analyzers it requires, over every package of l in
// order, and returns the number of diagnostics root reported. Facts of one
// package are visible to the packages after it.
func Run(l *Loaded, root *analysis.Analyzer) (int, error) {
	type objKey struct {
		obj types.Object
		t   reflect.Type
	}
	type pkgKey struct {
		pkg *types.Package
		t   reflect.Type
	}
	objFacts := map[objKey]analysis.Fact{}
	pkgFacts := map[pkgKey]analysis.Fact{}
	diags := 0
	for _, lp := range l.Pkgs {
		results := map[*analysis.Analyzer]any{}
		var exec func(a *analysis.Analyzer) error
		exec = func(a *analysis.Analyzer) error {
			if _, done := results[a]; done {
				return nil
			}
			for _, req := range a.Requires {
				if err := exec(req); err != nil {
					return err
				}
			}
			pass := &analysis.Pass{
				Analyzer: a, Fset: l.Fset, Files: lp.Files, Pkg: lp.Types, TypesInfo: lp.Info,
				TypesSizes: types.SizesFor("gc", "amd64"),
				ResultOf:   results,
				Report: func(analysis.Diagnostic) {
					if a == root {
						diags++
					}
				},
				ReadFile: func(string) ([]byte, error) { return nil, fmt.Errorf("no files in a generated program") },
				ImportObjectFact: func(obj types.Object, fact analysis.Fact) bool {
					f, ok := objFacts[objKey{obj, reflect.TypeOf(fact)}]
					if ok {
						reflect.ValueOf(fact).Elem().Set(reflect.ValueOf(f).Elem())
					}
					return ok
				},
				ExportObjectFact: func(obj types.Object, fact analysis.Fact) {
					objFacts[objKey{obj, reflect.TypeOf(fact)}] = fact
				},
				ImportPackageFact: func(pkg *types.Package, fact analysis.Fact) bool {
					f, ok := pkgFacts[pkgKey{pkg, reflect.TypeOf(fact)}]
					if ok {
						reflect.ValueOf(fact).Elem().Set(reflect.ValueOf(f).Elem())
					}
					return ok
				},
				ExportPackageFact: func(fact analysis.Fact) {
					pkgFacts[pkgKey{lp.Types, reflect.TypeOf(fact)}] = fact
				},
				AllObjectFacts: func() []analysis.ObjectFact {
					var out []analysis.ObjectFact
					for k, f := range objFacts {
						out = append(out, analysis.ObjectFact{Object: k.obj, Fact: f})
					}
					return out
				},
				AllPackageFacts: func() []analysis.PackageFact {
					var out []analysis.PackageFact
					for k, f := range pkgFacts {
						out = append(out, analysis.PackageFact{Package: k.pkg, Fact: f})
					}
					return out
				},
			}
			res, err := a.Run(pass)
			if err != nil {
				return fmt.Errorf("%s on %s: %v", a.Name, lp.Types.Path(), err)
			}
			results[a] = res
			return nil
		}
		if err := exec(root); err != nil {
			return diags, err
		}
	}
	return diags, nil
}

var epoch = time.Now()

func wallTime() time.Duration { return time.Since(epoch) }

// Time returns the least CPU time of runs runs of root over l (the
// minimum beats the noise of a shared machine best), and the diagnostics
// it reported.
func Time(l *Loaded, root *analysis.Analyzer, runs int) (time.Duration, int, error) {
	best := time.Duration(-1)
	diags := 0
	for range runs {
		start := cpuTime()
		n, err := Run(l, root)
		d := cpuTime() - start
		if err != nil {
			return 0, 0, err
		}
		diags = n
		if best < 0 || d < best {
			best = d
		}
	}
	return best, diags, nil
}

// MaxRatio is the most that doubling a shape may multiply an analyzer's
// time by: about 2 for linear cost, 2.2 for n log n, 4 for quadratic. The
// slack above 2 absorbs the noise of a shared machine.
const MaxRatio = 3.0

// MinTime is the time below which a measurement is mostly noise: the
// ratio is judged against this floor, so that a rule doing next to
// nothing on a shape cannot fail by a timer's jitter.
const MinTime = 500 * time.Microsecond

// Measurement is the outcome of running one analyzer on one shape at two
// sizes.
type Measurement struct {
	Analyzer string
	Shape    string
	N        int
	Small    time.Duration // at n
	Large    time.Duration // at 2n
	Diags    [2]int        // diagnostics at n and 2n
	Lines    [2]int
}

// Ratio returns Large/Small, both raised to MinTime first.
func (m Measurement) Ratio() float64 {
	return float64(max(m.Large, MinTime)) / float64(max(m.Small, MinTime))
}

func (m Measurement) String() string {
	return fmt.Sprintf("%-14s %-11s n=%-5d %5d lines %9v  2n: %5d lines %9v  ratio %.2f  findings %d/%d",
		m.Analyzer, m.Shape, m.N, m.Lines[0], m.Small.Round(10*time.Microsecond),
		m.Lines[1], m.Large.Round(10*time.Microsecond), m.Ratio(), m.Diags[0], m.Diags[1])
}

// loadCache keeps the programs of each shape and size across analyzers.
var loadCache sync.Map // key: shape name + size

func loadShape(s Shape, n int) (*Loaded, error) {
	key := fmt.Sprintf("%s/%d", s.Name, n)
	if l, ok := loadCache.Load(key); ok {
		return l.(*Loaded), nil
	}
	l, err := Load(s.Gen(n))
	if err != nil {
		return nil, err
	}
	loadCache.Store(key, l)
	return l, nil
}

// Measure times a (with its requirements) on shape s at size n and 2n,
// each the least of at least runs runs; the runs at the two sizes
// alternate, so that both see the same load, and go on until each size
// has had at least sampleTime of runs (at most maxRuns), since a fast
// analysis needs many runs for its least time to mean anything.
func Measure(a *analysis.Analyzer, s Shape, n, runs int) (Measurement, error) {
	m := Measurement{Analyzer: a.Name, Shape: s.Name, N: n, Small: -1, Large: -1}
	var progs [2]*Loaded
	for i, size := range []int{n, 2 * n} {
		l, err := loadShape(s, size)
		if err != nil {
			return m, err
		}
		if _, _, err := Time(l, a, 1); err != nil { // warm up
			return m, err
		}
		progs[i], m.Lines[i] = l, l.Lines
	}
	// Collect garbage only when the heap has grown by gcSlack, so that
	// few runs pay for a collection (and the least time is one that did
	// not), without forcing one, which costs more than a fast run, before
	// every run.
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(int64(ms.HeapAlloc) + gcSlack))

	var spent [2]time.Duration
	for k := 0; k < maxRuns && (k < runs || min(spent[0], spent[1]) < sampleTime); k++ {
		for i, l := range progs {
			d, diags, err := Time(l, a, 1)
			if err != nil {
				return m, err
			}
			m.Diags[i] = diags
			spent[i] += d
			best := &m.Small
			if i == 1 {
				best = &m.Large
			}
			if *best < 0 || d < *best {
				*best = d
			}
		}
	}
	return m, nil
}

// sampleTime and maxRuns decide how long Measure keeps measuring.
const (
	sampleTime = 50 * time.Millisecond
	maxRuns    = 30
)

// gcSlack is how much the heap may grow while Measure runs before the
// garbage collector runs.
const gcSlack = 512 << 20

// TB is the part of testing.TB that Check uses.
type TB interface {
	Helper()
	Logf(format string, args ...any)
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// Check measures a on s at the shape's size (halved when short) and fails
// tb when doubling the input multiplies the time by more than MaxRatio, or
// when the larger run takes longer than limit. A ratio over the bar is
// measured a second time, with more runs, before it counts: one burst of
// load on the machine must not fail a build.
func Check(tb TB, a *analysis.Analyzer, s Shape, short bool, limit time.Duration) Measurement {
	tb.Helper()
	n := s.N
	if short {
		n = max(1, n/2)
	}
	m, err := Measure(a, s, n, 3)
	if err != nil {
		tb.Fatalf("%s on %s: %v", a.Name, s.Name, err)
		return m
	}
	if m.Ratio() > MaxRatio && m.Large < limit {
		m2, err := Measure(a, s, n, 7)
		if err != nil {
			tb.Fatalf("%s on %s: %v", a.Name, s.Name, err)
			return m
		}
		m = m2
	}
	tb.Logf("%s", m)
	if m.Ratio() > MaxRatio {
		tb.Errorf("%s on %s: doubling the input (n=%d to %d) multiplied the time by %.1f (%v to %v), more than %.0f: the cost is not near-linear",
			a.Name, s.Name, n, 2*n, m.Ratio(), m.Small, m.Large, MaxRatio)
	}
	if m.Large > limit {
		tb.Errorf("%s on %s at n=%d took %v, more than the cap of %v", a.Name, s.Name, 2*n, m.Large, limit)
	}
	return m
}
