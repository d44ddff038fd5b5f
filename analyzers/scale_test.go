package analyzers

import (
	"testing"
	"time"

	"github.com/asynclint/asynclint/internal/scaletest"
)

// scaleCap is the most one analysis of a shape at twice its size may take:
// generous, for loaded CI machines; the ratio is the real test.
const scaleCap = 5 * time.Second

// TestScale runs every rule of the suite, present and future, over the
// adversarial shapes of package scaletest at a size and twice that size,
// and fails when the time more than triples. It also catches a hang: the
// cap bounds each run.
//
//	go test ./analyzers -run TestScale -v | grep ratio
func TestScale(t *testing.T) {
	for _, r := range Suite {
		t.Run(r.Name(), func(t *testing.T) {
			for _, s := range scaletest.Shapes() {
				t.Run(s.Name, func(t *testing.T) {
					scaletest.Check(t, r.Analyzer, s, testing.Short(), scaleCap)
				})
			}
		})
	}
}
