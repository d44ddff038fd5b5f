// Package uncancellable shows the uncancellable rule at run time: a
// publisher that sends on its feed's channel with a bare send stays
// blocked once the subscriber has left, although its context was
// cancelled.
package uncancellable

import (
	"context"
	"fmt"
	"io"
	"time"
)

// Buffer is the capacity of a feed's channel.
const Buffer = 4

// Feed delivers events to one subscriber through a buffered channel.
type Feed struct {
	out chan int
}

// NewFeed returns a feed with an empty buffer.
func NewFeed() *Feed { return &Feed{out: make(chan int, Buffer)} }

// Events is the channel the subscriber reads; it may stop at any time.
func (f *Feed) Events() <-chan int { return f.out }

// Bad publishes n events on the feed. It checks ctx between events, but
// the send itself cannot be interrupted: once the subscriber has stopped
// reading and the buffer is full, it blocks whatever ctx says.
func Bad(ctx context.Context, f *Feed, n int) error {
	for i := range n {
		if err := ctx.Err(); err != nil {
			return err
		}
		f.out <- i
	}
	return nil
}

// Good sends in a select with ctx.Done(), so cancellation interrupts a
// send that would wait for a subscriber who is gone.
func Good(ctx context.Context, f *Feed, n int) error {
	for i := range n {
		select {
		case f.out <- i:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// Outcome is what a publisher did after its subscriber left.
type Outcome struct {
	Returned bool          // the publisher returned within the grace period
	Err      error         // what it returned
	Took     time.Duration // from cancellation to return (the grace period if it did not)
}

// Run starts publish (Bad or Good) for 100 events; the subscriber reads
// read of them, then leaves and cancels the publisher's context. Run
// waits up to grace for the publisher to return, then drains the feed so
// that a blocked publisher can finish and does not outlive the demo.
func Run(publish func(context.Context, *Feed, int) error, read int, grace time.Duration) Outcome {
	f := NewFeed()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- publish(ctx, f, 100) }()
	events := f.Events()
	for range read {
		<-events
	}
	// Let the publisher refill the buffer and reach its next send, as it
	// would while a real subscriber packs up.
	for deadline := time.Now().Add(grace); len(f.out) < Buffer && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(10 * time.Millisecond)
	cancel() // the subscriber leaves
	left := time.Now()
	var o Outcome
	select {
	case o.Err = <-done:
		o.Returned, o.Took = true, time.Since(left)
	case <-time.After(grace):
		o.Took = grace
		go func() {
			for range f.out {
			}
		}()
		<-done
		close(f.out)
	}
	return o
}

// Show runs both versions with a subscriber that leaves after 10 events.
func Show(w io.Writer) error {
	const grace = 200 * time.Millisecond
	bad := Run(Bad, 10, grace)
	good := Run(Good, 10, grace)
	if bad.Returned {
		fmt.Fprintf(w, "bad:  the subscriber left after 10 events and cancelled; the publisher returned %v after %v\n", bad.Err, bad.Took)
	} else {
		fmt.Fprintf(w, "bad:  the subscriber left after 10 events and cancelled; %v later the publisher was still blocked on its send (buffer of %d full)\n", grace, Buffer)
	}
	fmt.Fprintf(w, "good: the subscriber left after 10 events and cancelled; the publisher returned %q after %v\n", good.Err, good.Took.Round(time.Microsecond))
	return nil
}
