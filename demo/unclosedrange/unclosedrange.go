// Package unclosedrange shows the unclosedrange rule at run time: a
// worker that ranges over a jobs channel nobody closes never finishes,
// never reports, and stays parked forever.
package unclosedrange

import (
	"fmt"
	"io"
	"sync/atomic"

	"github.com/asynclint/asynclint/demo/internal/leakcheck"
)

// Bad hands the jobs to a worker goroutine and returns once they are all
// handed over. It never closes jobs, so the worker's range never ends: it
// cannot hand back its total, and it waits for a next job forever.
func Bad(items []int) (handled *atomic.Int64) {
	handled = new(atomic.Int64)
	jobs := make(chan int)
	go func() {
		for j := range jobs {
			handled.Add(int64(j))
		}
	}()
	for _, it := range items {
		jobs <- it
	}
	return handled
}

// Good closes jobs after the last one, which ends the worker's range, and
// waits for the worker to hand back its total.
func Good(items []int) (total int64) {
	jobs := make(chan int)
	done := make(chan int64)
	go func() {
		var sum int64
		for j := range jobs {
			sum += int64(j)
		}
		done <- sum
	}()
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
	return <-done
}

// Items returns the numbers 1 to n.
func Items(n int) []int {
	items := make([]int, n)
	for i := range items {
		items[i] = i + 1
	}
	return items
}

// Show runs both versions a few times and counts the workers each left.
func Show(w io.Writer) error {
	const runs, n = 5, 100
	before := leakcheck.Stuck("unclosedrange.Bad")
	for range runs {
		Bad(Items(n))
	}
	leakcheck.Settle()
	badStuck := leakcheck.Stuck("unclosedrange.Bad") - before
	var goodSum int64
	for range runs {
		goodSum += Good(Items(n))
	}
	leakcheck.Settle()
	goodStuck := leakcheck.Stuck("unclosedrange.Good")
	fmt.Fprintf(w, "bad:  %d runs handed %d jobs each to a worker that nobody told to stop; %d workers are still parked in range over jobs (%s)\n",
		runs, n, badStuck, leakcheck.Method())
	fmt.Fprintf(w, "good: %d runs handed %d jobs each and closed jobs; the workers returned their totals (sum %d), %d workers left\n",
		runs, n, goodSum, goodStuck)
	return nil
}
