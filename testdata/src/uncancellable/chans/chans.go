// Package chans is checked with -uncancellable.chans: every bare channel
// operation and every select without a Done case.
package chans

import "context"

func handOff(ctx context.Context, in chan<- int, out <-chan int) int {
	in <- 1      // want `send on in cannot be interrupted by ctx's`
	return <-out // want `receive from out cannot be interrupted by ctx's`
}

func either(ctx context.Context, a, b <-chan int) int {
	select { // want `select cannot be interrupted by ctx's cancellation; add a case <-ctx.Done\(\)`
	case v := <-a:
		return v
	case v := <-b:
		return v
	}
}

// ok: a select with a default case never waits.
func poll(ctx context.Context, a <-chan int) int {
	select {
	case v := <-a:
		return v
	default:
		return 0
	}
}

// ok: even with the flag, a select with Done.
func withDone(ctx context.Context, a <-chan int) int {
	select {
	case v := <-a:
		return v
	case <-ctx.Done():
		return 0
	}
}
