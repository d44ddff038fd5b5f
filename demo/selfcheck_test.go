package demo_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/analyzers"
	"github.com/asynclint/asynclint/demo"
	"github.com/asynclint/asynclint/internal/driver"
	"github.com/asynclint/asynclint/internal/testutil"
	"golang.org/x/tools/go/analysis"
)

// TestAnalyzersFlagExactlyTheBadDemos runs every rule (default-off ones
// too) over demo/ and checks that each Bad function is flagged by its
// rule and that nothing else is flagged by any rule.
func TestAnalyzersFlagExactlyTheBadDemos(t *testing.T) {
	root := testutil.Root(t)
	var rules []*analysis.Analyzer
	for _, r := range analyzers.Suite {
		rules = append(rules, r.Analyzer)
	}
	tree, err := driver.InProcess(root, nil, analyzers.ForRun(rules, true), "./demo/...")
	if err != nil {
		t.Fatal(err)
	}
	if errs := tree.Errors(); len(errs) > 0 {
		t.Fatalf("analysis errors: %v", errs)
	}

	flagged := map[string]bool{} // "rule.Func" of every Bad function flagged by its rule
	for _, f := range tree.Findings() {
		file, line, _ := driver.SplitPosn(f.Posn)
		rel, _ := filepath.Rel(filepath.Join(root, "demo"), file)
		dir := filepath.Dir(rel)
		fn := enclosingFunc(t, file, line)
		isBad := strings.HasPrefix(fn, "Bad") || strings.HasPrefix(fn, "bad")
		if dir != f.Rule || !isBad {
			t.Errorf("%s: %s flags %s in demo/%s, which is not a Bad function of demo/%s: %s",
				rel, f.Rule, fn, dir, f.Rule, f.Message)
			continue
		}
		flagged[f.Rule+"."+fn] = true
	}

	for _, r := range analyzers.Suite {
		if !slices.ContainsFunc(demo.All, func(d demo.Demo) bool { return d.Rule == r.Name() }) {
			t.Errorf("rule %s has no entry in demo.All", r.Name())
		}
		bads := exportedFuncs(t, filepath.Join(root, "demo", r.Name()), "Bad")
		if len(bads) == 0 {
			t.Errorf("demo/%s has no Bad function", r.Name())
		}
		if goods := exportedFuncs(t, filepath.Join(root, "demo", r.Name()), "Good"); len(goods) == 0 {
			t.Errorf("demo/%s has no Good function", r.Name())
		}
		for _, b := range bads {
			if !flagged[r.Name()+"."+b] {
				t.Errorf("demo/%s.%s is not flagged by %s", r.Name(), b, r.Name())
			}
		}
	}
}

// enclosingFunc returns the name of the top-level function or method
// around line in file, or "" outside any.
func enclosingFunc(t *testing.T, file string, line int) string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fset.Position(fd.Pos()).Line <= line && line <= fset.Position(fd.End()).Line {
			return fd.Name.Name
		}
	}
	return ""
}

// exportedFuncs lists the top-level functions of the non-test files in dir
// whose names start with prefix.
func exportedFuncs(t *testing.T, dir, prefix string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(dir, e.Name()), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && strings.HasPrefix(fd.Name.Name, prefix) {
				names = append(names, fd.Name.Name)
			}
		}
	}
	return names
}
