package demo_test

import (
	"regexp"
	"testing"

	"github.com/asynclint/asynclint/demo"
	"github.com/asynclint/asynclint/demo/internal/showtest"
)

// TestEveryShowSaysWhatHappened runs every demo's Show, as asynclint demo
// RULE does: two lines, bad then good, each with a number in it.
func TestEveryShowSaysWhatHappened(t *testing.T) {
	digit := regexp.MustCompile(`[0-9]`)
	for _, d := range demo.All {
		t.Run(d.Rule, func(t *testing.T) {
			bad, good := showtest.Lines(t, d.Show)
			if !digit.MatchString(bad) || !digit.MatchString(good) {
				t.Errorf("no numbers in %q / %q", bad, good)
			}
		})
	}
}
