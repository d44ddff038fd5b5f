package analyzers_test

// What build-system drivers need of every analyzer of the suite: Bazel's
// nogo (rules_go) and go vet -vettool in remote-cached builds run each
// analyzer once per package, in separate processes, and pass facts between
// them as gob-encoded bytes that a cache keys on. They need
//
//   - a plain exported Analyzer: nogo generates a main that imports each
//     analyzer's package and names its package-level var Analyzer, so
//     the package must be importable from another module (not internal);
//   - facts that survive gob: every fact a rule exports comes back equal
//     from encoding and decoding, and encodes to the same bytes twice (a
//     cache keyed on the bytes would otherwise miss);
//   - no global state: a run may be one of many in a process (nogo runs
//     all analyzers in one process per package; golangci-lint runs every
//     package in one), so results must not depend on what ran before or
//     beside them.
//
// Bazel itself cannot be fetched here, so these tests check the properties
// in-process; docs/bazel.md says so.

import (
	"bytes"
	"encoding/gob"
	"flag"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/asynclint/asynclint/analyzers"
	"github.com/asynclint/asynclint/analyzers/ignore"
	"github.com/asynclint/asynclint/internal/testutil"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

const modulePath = "github.com/asynclint/asynclint"

// registered returns every analyzer the suite hands to a driver (the rules
// and the directive checker) with, for each, the package that defines it.
func registered(t *testing.T) map[*analysis.Analyzer]string {
	t.Helper()
	out := map[*analysis.Analyzer]string{}
	for _, a := range append(analyzers.All(), ignore.Analyzer) {
		out[a] = definingPackage(t, a)
	}
	return out
}

// definingPackage returns the import path of the package whose code a's
// Run is: the package nogo must import to name it.
func definingPackage(t *testing.T, a *analysis.Analyzer) string {
	t.Helper()
	fn := runtime.FuncForPC(reflect.ValueOf(a.Run).Pointer())
	if fn == nil {
		t.Fatalf("%s: cannot find its Run function", a.Name)
	}
	// "github.com/x/y/passes/z.run" or "...suppress.Checker.func1"
	name := fn.Name()
	slash := strings.LastIndex(name, "/")
	dot := strings.Index(name[slash+1:], ".")
	return name[:slash+1+dot]
}

// nogoPackages returns the packages a nogo target lists for the suite:
// each rule's, and the exported directive checker's.
func nogoPackages(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, r := range analyzers.Suite {
		out = append(out, definingPackage(t, r.Analyzer))
	}
	return append(out, modulePath+"/analyzers/ignore")
}

// TestNogoImportsEveryAnalyzer builds the main nogo would generate (an
// import of each analyzer package, and a list of their Analyzer vars)
// in a module of its own that requires this one, and runs it: it must
// compile, and list each rule and the checker by name.
func TestNogoImportsEveryAnalyzer(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	root := testutil.Root(t)
	pkgs := nogoPackages(t)
	var imports, list strings.Builder
	for i, p := range pkgs {
		if strings.Contains(p+"/", "/internal/") {
			t.Errorf("%s: nogo imports analyzers from another module, which cannot import an internal package", p)
		}
		fmt.Fprintf(&imports, "\tanalyzer%d %q\n", i, p)
		fmt.Fprintf(&list, "\tanalyzer%d.Analyzer,\n", i)
	}
	main := fmt.Sprintf(`package main

import (
	"fmt"

	"golang.org/x/tools/go/analysis"
%s)

var analyzers = []*analysis.Analyzer{
%s}

func main() {
	if err := analysis.Validate(analyzers); err != nil {
		panic(err)
	}
	for _, a := range analyzers {
		fmt.Println(a.Name)
	}
}
`, imports.String(), list.String())
	dir := t.TempDir()
	gomod := fmt.Sprintf("module example.com/nogo\n\ngo 1.26\n\nrequire %s v0.0.0\n\nreplace %s => %s\n", modulePath, modulePath, root)
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{"go.mod": gomod, "go.sum": string(sum), "main.go": main} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", "run", "-mod=mod", ".")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the nogo-shaped main does not build or run: %v\n%s\n%s", err, out, main)
	}
	want := append(analyzers.Names(), "ignore")
	if got := strings.Fields(string(out)); !slices.Equal(got, want) {
		t.Errorf("the nogo-shaped main lists %v, want %v", got, want)
	}
}

// TestBazelDocListsEveryAnalyzer: docs/bazel.md names every package a nogo
// target needs, so a new rule cannot be forgotten there.
func TestBazelDocListsEveryAnalyzer(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join(testutil.Root(t), "docs", "bazel.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range nogoPackages(t) {
		if !bytes.Contains(doc, []byte(strings.TrimPrefix(p, modulePath+"/"))) {
			t.Errorf("docs/bazel.md does not list %s", p)
		}
	}
}

// TestExportedAnalyzerVar: each analyzer is the value of an exported
// package-level var Analyzer of type *analysis.Analyzer in its package
// (checked on the source, as nogo's generated code would use it).
func TestExportedAnalyzerVar(t *testing.T) {
	roots, _ := loadModulePackages(t, nogoPackages(t)...)
	for _, p := range roots {
		obj, ok := p.Types.Scope().Lookup("Analyzer").(*types.Var)
		if !ok {
			t.Errorf("%s has no package-level var Analyzer", p.PkgPath)
			continue
		}
		if got := types.TypeString(obj.Type(), nil); got != "*golang.org/x/tools/go/analysis.Analyzer" {
			t.Errorf("%s.Analyzer has type %s", p.PkgPath, got)
		}
	}
}

// fixturePatterns are the analysistest fixtures of every rule and of the
// directive checker, in the testdata GOPATH.
func fixturePatterns() []string {
	var out []string
	for _, name := range append(analyzers.Names(), "ignore") {
		out = append(out, name+"/...")
	}
	return out
}

// loadFixtures loads the fixtures as analysistest does: GOPATH mode,
// with the syntax of every dependency, which the checker needs for facts.
func loadFixtures(t *testing.T) []*packages.Package {
	t.Helper()
	fixtures.once.Do(func() { fixtures.pkgs, fixtures.err = loadFixturesOnce(t) })
	if fixtures.err != nil {
		t.Fatal(fixtures.err)
	}
	return fixtures.pkgs
}

var fixtures struct {
	once sync.Once
	pkgs []*packages.Package
	err  error
}

func loadFixturesOnce(t *testing.T) ([]*packages.Package, error) {
	data := testutil.Data(t)
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax,
		Dir:   filepath.Join(data, "src"),
		Tests: true,
		Env:   append(os.Environ(), "GOPATH="+data, "GO111MODULE=off", "GOPROXY=off", "GOFLAGS="),
	}
	pkgs, err := packages.Load(cfg, fixturePatterns()...)
	if err != nil {
		return nil, err
	}
	if packages.PrintErrors(pkgs) > 0 {
		return nil, fmt.Errorf("fixtures do not load")
	}
	return pkgs, nil
}

// result is what one run of the suite produced: its diagnostics, as text,
// and every fact, by analyzer.
type result struct {
	diags []string
	facts map[*analysis.Analyzer][]analysis.Fact
}

func analyze(t *testing.T, list []*analysis.Analyzer, pkgs []*packages.Package) result {
	t.Helper()
	g, err := checker.Analyze(list, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := result{facts: map[*analysis.Analyzer][]analysis.Fact{}}
	for act := range g.All() {
		if act.Err != nil {
			t.Fatalf("%s: %v", act, act.Err)
		}
		for _, d := range act.Diagnostics {
			r.diags = append(r.diags, fmt.Sprintf("%s: %s: %s", act.Package.Fset.Position(d.Pos), act.Analyzer.Name, d.Message))
		}
		if len(act.Analyzer.FactTypes) == 0 {
			continue
		}
		for _, f := range act.AllObjectFacts() {
			if f.Object.Pkg() == act.Package.Types {
				r.facts[act.Analyzer] = append(r.facts[act.Analyzer], f.Fact)
			}
		}
		for _, f := range act.AllPackageFacts() {
			if f.Package == act.Package.Types {
				r.facts[act.Analyzer] = append(r.facts[act.Analyzer], f.Fact)
			}
		}
	}
	slices.Sort(r.diags)
	r.diags = slices.Compact(r.diags)
	return r
}

// TestFactsSurviveGob: every fact the suite exports on its fixtures comes
// back equal through gob, as unitchecker and nogo encode it, and encodes
// to the same bytes twice. Every fact type of every analyzer involved
// (rules and building blocks) must occur at least once, or the test would
// prove nothing about it.
func TestFactsSurviveGob(t *testing.T) {
	if testing.Short() {
		t.Skip("loads and analyzes the fixtures")
	}
	r := analyze(t, analyzers.All(), loadFixtures(t))
	seen := map[reflect.Type]int{}
	for a, facts := range r.facts {
		for _, f := range a.FactTypes {
			gob.Register(f)
		}
		for _, f := range facts {
			seen[reflect.TypeOf(f)]++
			if err := roundTrip(f); err != nil {
				t.Errorf("%s: %T fact %v: %v", a.Name, f, f, err)
			}
		}
	}
	for a := range graph(analyzers.All()) {
		for _, f := range a.FactTypes {
			typ := reflect.TypeOf(f)
			if seen[typ] == 0 {
				t.Errorf("%s: no %v fact on the fixtures, so its encoding is untested", a.Name, typ)
			}
			t.Logf("%s: %d %v facts round-tripped", a.Name, seen[typ], typ)
		}
	}
}

// gobFact is how x/tools encodes a fact: an interface field.
type gobFact struct {
	Fact analysis.Fact
}

func roundTrip(f analysis.Fact) error {
	var b1, b2 bytes.Buffer
	if err := gob.NewEncoder(&b1).Encode(gobFact{f}); err != nil {
		return fmt.Errorf("encode: %v", err)
	}
	if err := gob.NewEncoder(&b2).Encode(gobFact{f}); err != nil {
		return err
	}
	if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
		return fmt.Errorf("encodes to different bytes each time (a map?), so a cache keyed on them misses")
	}
	var back gobFact
	if err := gob.NewDecoder(&b1).Decode(&back); err != nil {
		return fmt.Errorf("decode: %v", err)
	}
	if !reflect.DeepEqual(back.Fact, f) {
		return fmt.Errorf("decodes to %v (unexported fields are lost by gob)", back.Fact)
	}
	return nil
}

// graph returns every analyzer list requires, transitively, with list.
func graph(list []*analysis.Analyzer) map[*analysis.Analyzer]bool {
	out := map[*analysis.Analyzer]bool{}
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if out[a] {
			return
		}
		out[a] = true
		for _, r := range a.Requires {
			visit(r)
		}
	}
	for _, a := range list {
		visit(a)
	}
	return out
}

// TestNoStateAcrossRuns: the suite gives the same findings and facts run
// after run in one process and in two runs at once, and leaves every flag
// at its default. A rule that kept a cache or counter in a package
// variable, or wrote to a flag, would differ on the second or concurrent
// run, or fail the check of flags.
func TestNoStateAcrossRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("loads and analyzes the fixtures")
	}
	before := flagValues()
	pkgs := loadFixtures(t)
	first := analyze(t, analyzers.All(), pkgs)
	if len(first.diags) == 0 {
		t.Fatal("no findings on the fixtures: the comparison would prove nothing")
	}
	var wg sync.WaitGroup
	concurrent := make([]result, 2)
	for i := range concurrent {
		wg.Go(func() { concurrent[i] = analyze(t, analyzers.All(), pkgs) })
	}
	wg.Wait()
	for i, r := range concurrent {
		if !slices.Equal(r.diags, first.diags) {
			t.Errorf("run %d differs from the first:\n%s", i+2, lineDiff(first.diags, r.diags))
		}
		for a, facts := range first.facts {
			if got := factStrings(r.facts[a]); !slices.Equal(got, factStrings(facts)) {
				t.Errorf("run %d: %s's facts differ from the first run's", i+2, a.Name)
			}
		}
	}
	if after := flagValues(); !maps.Equal(before, after) {
		t.Errorf("a run changed flags: before %v, after %v", before, after)
	}
}

func factStrings(facts []analysis.Fact) []string {
	var out []string
	for _, f := range facts {
		out = append(out, fmt.Sprintf("%T %v", f, f))
	}
	slices.Sort(out)
	return out
}

func flagValues() map[string]string {
	out := map[string]string{}
	for a := range graph(analyzers.All()) {
		a.Flags.VisitAll(func(f *flag.Flag) { out[a.Name+"."+f.Name] = f.Value.String() })
	}
	return out
}

func lineDiff(a, b []string) string {
	var sb strings.Builder
	for _, l := range a {
		if !slices.Contains(b, l) {
			fmt.Fprintf(&sb, "  - %s\n", l)
		}
	}
	for _, l := range b {
		if !slices.Contains(a, l) {
			fmt.Fprintf(&sb, "  + %s\n", l)
		}
	}
	return sb.String()
}

// TestNoPackageStateWritten checks the source of every package of this
// module that an analyzer of the suite runs: a package-level variable
// may be written only where it is declared, in an init function (flag
// registration), or by the flag package through the address init gave
// it. It also rejects package-level sync values (locks, Once, Map), which
// would only be there to guard state shared across runs. Together with
// TestNoStateAcrossRuns this is what "no global state" is tested as.
func TestNoPackageStateWritten(t *testing.T) {
	var paths []string
	for _, p := range registered(t) {
		paths = append(paths, p)
	}
	_, all := loadModulePackages(t, paths...)
	for _, p := range all {
		for _, problem := range packageState(p.Fset, p.Syntax, p.TypesInfo, p.Types) {
			t.Error(problem)
		}
	}
}

// loadModulePackages loads paths and returns them and every package of
// this module they import, with syntax and types.
func loadModulePackages(t *testing.T, paths ...string) (roots, all []*packages.Package) {
	t.Helper()
	// First the import graph (go list only), then the module's packages
	// with syntax; their dependencies' types come from export data.
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedImports | packages.NeedDeps, Dir: testutil.Root(t)}
	graphRoots, err := packages.Load(cfg, paths...)
	if err != nil {
		t.Fatal(err)
	}
	var inModule []string
	packages.Visit(graphRoots, nil, func(p *packages.Package) {
		if p.PkgPath == modulePath || strings.HasPrefix(p.PkgPath, modulePath+"/") {
			inModule = append(inModule, p.PkgPath)
		}
	})
	cfg.Mode = packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo
	all, err = packages.Load(cfg, inModule...)
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(all) > 0 {
		t.Fatal("packages do not load")
	}
	for _, p := range all {
		if slices.Contains(paths, p.PkgPath) {
			roots = append(roots, p)
		}
	}
	if len(roots) != len(slices.Compact(slices.Sorted(slices.Values(paths)))) {
		t.Fatalf("loaded %d of the packages %v", len(roots), paths)
	}
	return roots, all
}

// packageState returns the places where a package keeps state across
// runs (see TestNoPackageStateWritten).
func packageState(fset *token.FileSet, files []*ast.File, info *types.Info, pkg *types.Package) []string {
	var problems []string
	isPkgVar := func(obj types.Object) bool {
		v, ok := obj.(*types.Var)
		return ok && v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
	}
	for _, name := range pkg.Scope().Names() {
		if v, ok := pkg.Scope().Lookup(name).(*types.Var); ok && holdsSync(v.Type()) {
			problems = append(problems, fmt.Sprintf("%s: package-level %s holds a sync value (%s): state shared across runs", fset.Position(v.Pos()), name, v.Type()))
		}
	}
	// root returns the package-level variable an expression writes into,
	// through fields, indexing and dereferences.
	var root func(e ast.Expr) types.Object
	root = func(e ast.Expr) types.Object {
		switch e := ast.Unparen(e).(type) {
		case *ast.Ident:
			if obj := info.Uses[e]; obj != nil && isPkgVar(obj) {
				return obj
			}
		case *ast.SelectorExpr:
			if sel := info.Selections[e]; sel != nil {
				return root(e.X)
			}
			// a qualified identifier: another package's variable
			if obj := info.Uses[e.Sel]; obj != nil && isPkgVar(obj) {
				return obj
			}
		case *ast.IndexExpr:
			return root(e.X) // an element of a map, slice or array variable
		case *ast.StarExpr:
			return root(e.X)
		}
		return nil
	}
	for _, f := range files {
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil || fd.Recv == nil && fd.Name.Name == "init" {
				continue // package-level declarations and init may set up state
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				var written []ast.Expr
				switch n := n.(type) {
				case *ast.AssignStmt:
					if n.Tok != token.DEFINE {
						written = n.Lhs
					}
				case *ast.IncDecStmt:
					written = []ast.Expr{n.X}
				case *ast.UnaryExpr:
					if n.Op == token.AND {
						written = []ast.Expr{n.X} // its address escapes: it may be written
					}
				case *ast.CallExpr:
					// append(v, ...) assigned elsewhere is caught above;
					// a method with a pointer receiver called on a
					// package variable may write it.
					if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
						if s := info.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
							if sig, ok := s.Obj().Type().(*types.Signature); ok && sig.Recv() != nil {
								if _, ptr := sig.Recv().Type().(*types.Pointer); ptr {
									if _, isPtr := info.TypeOf(sel.X).Underlying().(*types.Pointer); !isPtr {
										written = []ast.Expr{sel.X}
									}
								}
							}
						}
					}
				}
				for _, e := range written {
					if obj := root(e); obj != nil {
						problems = append(problems, fmt.Sprintf("%s: %s writes package-level %s outside its declaration and init: state shared across runs",
							fset.Position(e.Pos()), fd.Name.Name, obj.Name()))
					}
				}
				return true
			})
		}
	}
	return problems
}

// holdsSync reports whether t is or directly contains a type of package
// sync or sync/atomic.
func holdsSync(t types.Type) bool {
	seen := map[types.Type]bool{}
	var visit func(t types.Type) bool
	visit = func(t types.Type) bool {
		if seen[t] {
			return false
		}
		seen[t] = true
		if n, ok := t.(*types.Named); ok && n.Obj().Pkg() != nil {
			switch n.Obj().Pkg().Path() {
			case "sync", "sync/atomic":
				return true
			}
		}
		switch u := t.Underlying().(type) {
		case *types.Struct:
			for i := range u.NumFields() {
				if visit(u.Field(i).Type()) {
					return true
				}
			}
		case *types.Array:
			return visit(u.Elem())
		}
		return false
	}
	return visit(t)
}

// TestPackageStateFindsWrites: the source check finds each kind of
// package state it looks for, so that its silence on the suite means
// something.
func TestPackageStateFindsWrites(t *testing.T) {
	const src = `package p

import "sync"

type counter struct{ n int }

func (c *counter) inc() { c.n++ }

var (
	calls   int
	seen    = map[string]bool{}
	list    []string
	mu      sync.Mutex
	c       counter
	flagVal bool
	doc     = "x"
)

func init() { flagVal = true; calls = 0 }

func run(name string) string {
	calls++
	seen[name] = true
	list = append(list, name)
	c.inc()
	p := &flagVal
	_ = p
	local := 1
	local++
	return doc
}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}, Selections: map[*ast.SelectorExpr]*types.Selection{}, Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}}
	pkg, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	got := packageState(fset, []*ast.File{f}, info, pkg)
	for _, want := range []string{"package-level mu holds a sync value", "writes package-level calls", "writes package-level seen", "writes package-level list", "writes package-level c", "writes package-level flagVal"} {
		if !slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, want) }) {
			t.Errorf("not found: %s", want)
		}
	}
	if len(got) != 6 {
		t.Errorf("want 6 problems, got %d:\n%s", len(got), strings.Join(got, "\n"))
	}
}
