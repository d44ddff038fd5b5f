package unwaited_test

import (
	"testing"
	"time"

	"github.com/asynclint/asynclint/internal/scaletest"
	"github.com/asynclint/asynclint/passes/unwaited"
)

// TestScalePaths runs the adversarial shapes with -unwaited.paths. The
// suite's scale test (./analyzers) runs the default, which searches the
// paths only of groups never awaited; the shapes wait for their groups,
// so only this run crosses the bounded search that pairs conditions of
// Adds and Waits (the "guarded" shape).
func TestScalePaths(t *testing.T) {
	withPaths(t)
	for _, s := range scaletest.Shapes() {
		t.Run(s.Name, func(t *testing.T) {
			scaletest.Check(t, unwaited.Analyzer, s, testing.Short(), 5*time.Second)
		})
	}
}
