// Package dep is imported by the unclosedrange fixtures to prove that
// what a named producer does with a channel crosses package boundaries.
package dep

import (
	"context"
	"sync"
)

// Fill sends n values and does not close out.
func Fill(out chan<- int, n int) {
	for i := range n {
		out <- i
	}
}

// Stream sends n values, then closes out on every path.
func Stream(out chan<- int, n int) {
	defer close(out)
	for i := range n {
		out <- i
	}
}

// Watch sends until ctx is done and closes out only when its loop ends
// normally: the cancelled path returns without closing.
func Watch(ctx context.Context, out chan<- int) {
	for i := 0; i < 10; i++ {
		select {
		case out <- i:
		case <-ctx.Done():
			return
		}
	}
	close(out)
}

// CloseAfter closes ch once wg is done.
func CloseAfter(wg *sync.WaitGroup, ch chan<- int) {
	wg.Wait()
	close(ch)
}
