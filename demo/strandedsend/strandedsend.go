// Package strandedsend shows the strandedsend rule at run time: a caller
// that gives up on a result (a timeout, a cancelled context) leaves the
// goroutine computing it blocked forever on its send.
package strandedsend

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/asynclint/asynclint/demo/internal/leakcheck"
)

// Bad computes work in a goroutine and waits for the result or for ctx,
// whichever comes first. The result channel is unbuffered: once Bad has
// returned on ctx.Done(), nobody will receive, and the goroutine blocks
// on its send for the life of the process.
func Bad(ctx context.Context, work func() int) (int, error) {
	results := make(chan int)
	go func() {
		results <- work()
	}()
	select {
	case r := <-results:
		return r, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Good is Bad with room in the channel for the one result: the send
// succeeds whether or not anyone still waits, and the goroutine ends.
func Good(ctx context.Context, work func() int) (int, error) {
	results := make(chan int, 1)
	go func() {
		results <- work()
	}()
	select {
	case r := <-results:
		return r, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Run calls f n times, each with a deadline of a millisecond and work
// that can only finish after f has given up (it waits for f to return, so
// that a loaded machine cannot let the work win the race), then lets the
// abandoned work finish and returns how many calls timed out and how many
// goroutines f left stuck.
func Run(f func(context.Context, func() int) (int, error), name string, n int) (timeouts, stuck int) {
	before := leakcheck.Stuck(name)
	for range n {
		ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
		gaveUp := make(chan struct{})
		work := func() int {
			<-gaveUp
			return 42
		}
		if _, err := f(ctx, work); err != nil {
			timeouts++
		}
		close(gaveUp)
		cancel()
	}
	time.Sleep(20 * time.Millisecond) // let the abandoned work reach its send
	leakcheck.Settle()
	return timeouts, leakcheck.Stuck(name) - before
}

// Show runs both versions and says how many goroutines each left behind.
func Show(w io.Writer) error {
	const calls = 10
	badTimeouts, badStuck := Run(Bad, "strandedsend.Bad", calls)
	goodTimeouts, goodStuck := Run(Good, "strandedsend.Good", calls)
	fmt.Fprintf(w, "bad:  %d calls gave up after 1ms (%d timed out); %d goroutines are still blocked on results <- work() (%s)\n",
		calls, badTimeouts, badStuck, leakcheck.Method())
	fmt.Fprintf(w, "good: %d calls gave up after 1ms (%d timed out); %d goroutines left: the buffered send completed\n",
		calls, goodTimeouts, goodStuck)
	return nil
}
