package analyzers

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/asynclint/asynclint/internal/testutil"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// FuzzSuite feeds mutated fixture sources through the parser and the type
// checker into every analyzer of the suite, and fails on a panic. Seeds
// are the fixture packages, each merged into one file so that it type
// checks on its own.
//
//	go test ./analyzers -run '^$' -fuzz FuzzSuite -fuzztime 60s
func FuzzSuite(f *testing.F) {
	env := loadFuzzEnv(f)
	for _, seed := range env.seeds {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 1<<16 {
			return
		}
		runSuite(t, env, src)
	})
}

// TestSuiteOnSeeds runs the fuzz body over the seeds alone, so that a
// plain go test checks that every fixture survives the merge and the
// minimal driver below.
func TestSuiteOnSeeds(t *testing.T) {
	env := loadFuzzEnv(t)
	if len(env.seeds) < 3 {
		t.Fatalf("only %d seeds", len(env.seeds))
	}
	analyzed := 0
	for _, seed := range env.seeds {
		if runSuite(t, env, seed) {
			analyzed++
		}
	}
	t.Logf("%d of %d merged fixture packages type-check and were analyzed", analyzed, len(env.seeds))
	if analyzed*2 < len(env.seeds) {
		t.Errorf("only %d of %d merged fixtures type-check; the fuzz corpus is weak", analyzed, len(env.seeds))
	}
}

type fuzzEnv struct {
	fset  *token.FileSet
	pkgs  map[string]*types.Package // import path -> package, for the importer
	seeds []string
}

var (
	fuzzOnce sync.Once
	fuzzEnvV *fuzzEnv
	fuzzErr  error
)

// loadFuzzEnv loads every fixture package (and so everything they import)
// once, and builds the seeds.
func loadFuzzEnv(tb testing.TB) *fuzzEnv {
	data := testutil.Data(tb)
	fuzzOnce.Do(func() {
		fset := token.NewFileSet()
		cfg := &packages.Config{
			Mode: packages.NeedName | packages.NeedTypes | packages.NeedImports | packages.NeedDeps | packages.NeedFiles,
			Dir:  data,
			Env:  append(os.Environ(), "GOPATH="+data, "GO111MODULE=off", "GOFLAGS=", "GOWORK=off"),
			Fset: fset,
		}
		loaded, err := packages.Load(cfg, "./src/...")
		if err != nil {
			fuzzErr = err
			return
		}
		env := &fuzzEnv{fset: fset, pkgs: map[string]*types.Package{}}
		packages.Visit(loaded, nil, func(p *packages.Package) {
			if p.Types != nil {
				env.pkgs[p.PkgPath] = p.Types
			}
		})
		for _, p := range loaded {
			if seed, err := mergeFiles(p.GoFiles); err == nil {
				env.seeds = append(env.seeds, seed)
			}
		}
		fuzzEnvV = env
	})
	if fuzzErr != nil {
		tb.Fatal(fuzzErr)
	}
	return fuzzEnvV
}

// mergeFiles joins a package's files into one source file.
func mergeFiles(names []string) (string, error) {
	fset := token.NewFileSet()
	merged := &ast.File{Name: ast.NewIdent("fuzz")}
	imports := map[string]*ast.ImportSpec{}
	for _, name := range names {
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			return "", err
		}
		for _, imp := range f.Imports {
			key := imp.Path.Value
			if imp.Name != nil {
				key = imp.Name.Name + " " + key
			}
			imports[key] = &ast.ImportSpec{Name: imp.Name, Path: &ast.BasicLit{Kind: token.STRING, Value: imp.Path.Value}}
		}
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
				continue
			}
			merged.Decls = append(merged.Decls, d)
		}
	}
	keys := make([]string, 0, len(imports))
	for k := range imports {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	imp := &ast.GenDecl{Tok: token.IMPORT, Lparen: 1}
	for _, k := range keys {
		imp.Specs = append(imp.Specs, imports[k])
	}
	if len(imp.Specs) > 0 {
		merged.Decls = append([]ast.Decl{imp}, merged.Decls...)
	}
	var b bytes.Buffer
	if err := format.Node(&b, fset, merged); err != nil {
		return "", err
	}
	return b.String(), nil
}

// runSuite parses and type-checks src and, if it is a valid package, runs
// every analyzer over it. It reports whether the analyzers ran.
func runSuite(t *testing.T, env *fuzzEnv, src string) bool {
	f, err := parser.ParseFile(env.fset, "fuzz.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return false
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
	conf := &types.Config{Importer: importerFunc(func(path string) (*types.Package, error) {
		if p, ok := env.pkgs[path]; ok {
			return p, nil
		}
		return nil, fmt.Errorf("no package %q", path)
	})}
	pkg, err := conf.Check("fuzz", env.fset, []*ast.File{f}, info)
	if err != nil {
		return false
	}
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("panic analyzing:\n%s\n\npanic: %v", src, r)
		}
	}()
	runAnalyzers(env.fset, pkg, info, []*ast.File{f}, All())
	return true
}

type importerFunc func(string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// runAnalyzers is a minimal single-package driver: it runs roots and
// their requirements in dependency order. Facts of imported packages are
// absent (as for a package whose dependencies export none).
func runAnalyzers(fset *token.FileSet, pkg *types.Package, info *types.Info, files []*ast.File, roots []*analysis.Analyzer) {
	results := map[*analysis.Analyzer]any{}
	objFacts := map[types.Object][]analysis.Fact{}
	var pkgFacts []analysis.Fact
	var exec func(a *analysis.Analyzer)
	exec = func(a *analysis.Analyzer) {
		if _, done := results[a]; done {
			return
		}
		for _, req := range a.Requires {
			exec(req)
		}
		pass := &analysis.Pass{
			Analyzer: a, Fset: fset, Files: files, Pkg: pkg, TypesInfo: info,
			TypesSizes: types.SizesFor("gc", "amd64"),
			ResultOf:   results,
			Report:     func(analysis.Diagnostic) {},
			ReadFile:   os.ReadFile,
			ImportObjectFact: func(obj types.Object, fact analysis.Fact) bool {
				for _, f := range objFacts[obj] {
					if reflect.TypeOf(f) == reflect.TypeOf(fact) {
						reflect.ValueOf(fact).Elem().Set(reflect.ValueOf(f).Elem())
						return true
					}
				}
				return false
			},
			ExportObjectFact:  func(obj types.Object, fact analysis.Fact) { objFacts[obj] = append(objFacts[obj], fact) },
			ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
			ExportPackageFact: func(fact analysis.Fact) { pkgFacts = append(pkgFacts, fact) },
			AllObjectFacts:    func() []analysis.ObjectFact { return nil },
			AllPackageFacts:   func() []analysis.PackageFact { return nil },
		}
		res, err := a.Run(pass)
		if err != nil && !strings.Contains(err.Error(), "skipped") {
			panic(fmt.Sprintf("%s: %v", a.Name, err))
		}
		results[a] = res
	}
	for _, a := range roots {
		exec(a)
	}
}
