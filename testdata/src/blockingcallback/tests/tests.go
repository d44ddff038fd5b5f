// Package tests holds a channel that the code makes buffered and a test
// makes unbuffered.
package tests

import (
	"context"
	"time"
)

type stream struct {
	outc chan int
	in   chan int
	tick <-chan time.Time
}

func newStream() *stream {
	return &stream{outc: make(chan int, 1), in: make(chan int)}
}

// ok: every make of outc outside tests gives it a buffer; the test's
// fake does not count.
func (s *stream) serve(ctx context.Context) {
	for {
		select {
		case v := <-s.in:
			s.outc <- v
		case <-s.tick:
		case <-ctx.Done():
			return
		}
	}
}
