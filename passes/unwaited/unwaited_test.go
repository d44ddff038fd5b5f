package unwaited_test

import (
	"strings"
	"testing"

	"github.com/asynclint/asynclint/internal/testutil"
	"github.com/asynclint/asynclint/passes/unwaited"
	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.Data(t), unwaited.Analyzer, "unwaited")
}

// TestRelatedReturns checks that a finding points at the returns that
// leave without waiting.
func TestRelatedReturns(t *testing.T) {
	results := analysistest.Run(t, testutil.Data(t), unwaited.Analyzer, "unwaited")
	found := false
	for _, r := range results {
		for _, d := range r.Diagnostics {
			pos := r.Pass.Fset.Position(d.Pos)
			if !strings.Contains(d.Message, "not awaited on every path") || len(d.Related) == 0 {
				continue
			}
			for _, rel := range d.Related {
				if rel.Message != "returns here without waiting" {
					t.Errorf("%v: related message %q", pos, rel.Message)
				}
			}
			if line := r.Pass.Fset.Position(d.Related[0].Pos).Line; pos.Line == 22 && line == 20 {
				found = true // returnInsideLoop
			}
		}
	}
	if !found {
		t.Error("returnInsideLoop: no related position at its early return (bad.go:20)")
	}
}

// TestTestPaths: in test code a group awaited on some paths is reported
// only with -unwaited.testpaths; a group never awaited always is.
func TestTestPaths(t *testing.T) {
	analysistest.Run(t, testutil.Data(t), unwaited.Analyzer, "unwaited/tests")
	unwaited.Analyzer.Flags.Set("testpaths", "true")
	defer unwaited.Analyzer.Flags.Set("testpaths", "false")
	analysistest.Run(t, testutil.Data(t), unwaited.Analyzer, "unwaited/testpaths")
}
