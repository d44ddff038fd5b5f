package unboundedgo_test

import (
	"testing"

	"github.com/asynclint/asynclint/internal/testutil"
	"github.com/asynclint/asynclint/passes/unboundedgo"
	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.Data(t), unboundedgo.Analyzer, "unboundedgo", "unboundedgo/dep")
}

// TestAccept checks that accept loops are exempt by default and reported
// with -unboundedgo.accept.
func TestAccept(t *testing.T) {
	set(t, "accept", "true")
	analysistest.Run(t, testutil.Data(t), unboundedgo.Analyzer, "unboundedgo/accept")
}

func TestAcceptOffByDefault(t *testing.T) {
	silent(t, "unboundedgo/accept")
}

func TestTestsOffByDefault(t *testing.T) {
	silent(t, "unboundedgo/tests")
}

// silent checks that the rule, with its default flags, reports nothing in
// the fixture package pkg (whose want comments expect a flag).
func silent(t *testing.T, pkg string) {
	t.Helper()
	results := analysistest.Run(&quiet{T: t}, testutil.Data(t), unboundedgo.Analyzer, pkg)
	if len(results) == 0 {
		t.Fatalf("%s: no results", pkg)
	}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			t.Errorf("%v: reported with default flags: %s", r.Pass.Fset.Position(d.Pos), d.Message)
		}
	}
}

// TestAll checks the loops over the program's own state: reported with
// -unboundedgo.all only.
func TestAll(t *testing.T) {
	set(t, "all", "true")
	analysistest.Run(t, testutil.Data(t), unboundedgo.Analyzer, "unboundedgo/all")
}

func TestAllOffByDefault(t *testing.T) {
	silent(t, "unboundedgo/all")
}

func TestTests(t *testing.T) {
	set(t, "tests", "true")
	analysistest.Run(t, testutil.Data(t), unboundedgo.Analyzer, "unboundedgo/tests")
}

func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testutil.Data(t), unboundedgo.Analyzer, "unboundedgo/fix")
	testutil.TypeCheckGoldens(t, "unboundedgo/fix")
}

func set(t *testing.T, flag, value string) {
	t.Helper()
	old := unboundedgo.Analyzer.Flags.Lookup(flag).Value.String()
	if err := unboundedgo.Analyzer.Flags.Set(flag, value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unboundedgo.Analyzer.Flags.Set(flag, old) })
}

// quiet is a testing.T whose Errorf is dropped: the want comments of a
// fixture run without its flag are expected to go unmatched.
type quiet struct {
	*testing.T
}

func (q *quiet) Errorf(format string, args ...any) {}
