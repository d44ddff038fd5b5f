package unwaited_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/internal/testutil"
	"github.com/asynclint/asynclint/passes/unwaited"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// Test runs the default: only groups never awaited are reported, in test
// code as anywhere; groups awaited on some paths are negatives there.
func Test(t *testing.T) {
	analysistest.Run(t, testutil.Data(t), unwaited.Analyzer, "unwaited", "unwaited/tests")
}

// TestPaths runs with -unwaited.paths: groups awaited on some paths but
// not on every one are reported too, test code included.
func TestPaths(t *testing.T) {
	withPaths(t)
	analysistest.Run(t, testutil.Data(t), unwaited.Analyzer, "unwaited/paths", "unwaited/paths/tests")
}

func withPaths(t *testing.T) {
	t.Helper()
	if err := unwaited.Analyzer.Flags.Set("paths", "true"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unwaited.Analyzer.Flags.Set("paths", "false") })
}

// TestRelatedReturns checks that a finding points at the returns that
// leave without waiting, for both shapes.
func TestRelatedReturns(t *testing.T) {
	t.Run("never", func(t *testing.T) {
		// waitGroupGoNeverWaited: wg.Go at bad.go:93, returns at 96 and 100.
		results := analysistest.Run(t, testutil.Data(t), unwaited.Analyzer, "unwaited")
		checkRelated(t, results, "never awaited", 93, []int{96, 100})
	})
	t.Run("paths", func(t *testing.T) {
		// returnInsideLoop: wg.Add at paths/bad.go:25, its early return at 23.
		withPaths(t)
		results := analysistest.Run(t, testutil.Data(t), unwaited.Analyzer, "unwaited/paths")
		checkRelated(t, results, "not awaited on every path", 25, []int{23})
	})
}

func checkRelated(t *testing.T, results []*analysistest.Result, kind string, line int, want []int) {
	t.Helper()
	for _, r := range results {
		for _, d := range r.Diagnostics {
			pos := r.Pass.Fset.Position(d.Pos)
			if !strings.Contains(d.Message, kind) || pos.Line != line {
				continue
			}
			if got := relatedLines(r.Pass, d); !slices.Equal(got, want) {
				t.Errorf("%v: related lines %v, want %v", pos, got, want)
			}
			return
		}
	}
	t.Errorf("no %q finding at line %d", kind, line)
}

func relatedLines(pass *analysis.Pass, d analysis.Diagnostic) []int {
	var lines []int
	for _, rel := range d.Related {
		if rel.Message == "returns here without waiting" {
			lines = append(lines, pass.Fset.Position(rel.Pos).Line)
		}
	}
	return lines
}
