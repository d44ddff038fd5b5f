// Package cancelledcleanup shows the cancelledcleanup rule at run time: a
// batching writer that flushes its last batch with the context that was
// just cancelled; the flush gives up at once and the batch is lost.
package cancelledcleanup

import (
	"context"
	"fmt"
	"io"
	"sync/atomic"
	"time"
)

// batchSize is how many records the writer buffers before a flush.
const batchSize = 8

// Record is one record to write.
type Record int

// Sink is a remote store; a flush is a network round trip that gives up
// when its context is done, as every well-behaved client does.
type Sink struct {
	written atomic.Int32
	failed  atomic.Int32 // flushes that gave up
}

// Flush writes recs, or gives up when ctx is done.
func (s *Sink) Flush(ctx context.Context, recs []Record) error {
	select {
	case <-ctx.Done():
		s.failed.Add(1)
		return ctx.Err()
	case <-time.After(100 * time.Microsecond):
		s.written.Add(int32(len(recs)))
		return nil
	}
}

// Bad buffers records and flushes them in batches; when ctx is done it
// flushes what is left with ctx itself, which is already cancelled.
func Bad(ctx context.Context, in <-chan Record, sink *Sink) error {
	var buf []Record
	for {
		select {
		case r := <-in:
			buf = append(buf, r)
			if len(buf) == batchSize {
				if err := sink.Flush(ctx, buf); err != nil {
					return err
				}
				buf = nil
			}
		case <-ctx.Done():
			return sink.Flush(ctx, buf) // gives up at once: the last batch is lost
		}
	}
}

// Good flushes the last batch with a context detached from the
// cancellation (keeping its values) and bounded by a timeout of its own.
func Good(ctx context.Context, in <-chan Record, sink *Sink) error {
	var buf []Record
	for {
		select {
		case r := <-in:
			buf = append(buf, r)
			if len(buf) == batchSize {
				if err := sink.Flush(ctx, buf); err != nil {
					return err
				}
				buf = nil
			}
		case <-ctx.Done():
			cleanupCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
			defer cancel()
			return sink.Flush(cleanupCtx, buf)
		}
	}
}

// Writer is Bad or Good.
type Writer func(context.Context, <-chan Record, *Sink) error

// Outcome is what reached the sink.
type Outcome struct {
	Err           error
	Sent, Written int32
	FailedFlushes int32
}

// Run starts w, sends it n records, then cancels (a shutdown) and waits
// for w to return.
func Run(w Writer, n int) Outcome {
	ctx, cancel := context.WithCancel(context.Background())
	in := make(chan Record)
	sink := &Sink{}
	errc := make(chan error, 1)
	go func() { errc <- w(ctx, in, sink) }()
	for i := range n {
		in <- Record(i)
	}
	cancel()
	err := <-errc
	return Outcome{Err: err, Sent: int32(n), Written: sink.written.Load(), FailedFlushes: sink.failed.Load()}
}

// Show runs both writers through a shutdown and counts what was written.
func Show(w io.Writer) error {
	const n = 20
	bad := Run(Bad, n)
	good := Run(Good, n)
	fmt.Fprintf(w, "bad:  %d records sent, %d written, %d lost: the final flush got the cancelled ctx and failed with %q\n",
		bad.Sent, bad.Written, bad.Sent-bad.Written, bad.Err)
	fmt.Fprintf(w, "good: %d records sent, %d written, %d lost: the final flush ran on context.WithoutCancel(ctx) (error %v)\n",
		good.Sent, good.Written, good.Sent-good.Written, good.Err)
	return nil
}
