// Package dep is imported by the strandedsend fixtures to prove that what
// a named goroutine does with a channel crosses package boundaries.
package dep

import "context"

// Compute sends one value, unguarded.
func Compute(out chan<- int) { out <- 42 }

// Guarded sends one value but gives up when ctx is done.
func Guarded(ctx context.Context, out chan<- int) {
	select {
	case out <- 1:
	case <-ctx.Done():
	}
}

// Stream sends n values, then closes out.
func Stream(out chan<- int, n int) {
	defer close(out)
	for i := range n {
		out <- i
	}
}

// Forward hands out to Compute.
func Forward(out chan<- int) { Compute(out) }
