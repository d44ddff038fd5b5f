package strandedsend

import (
	"context"
	"errors"
	"time"

	"strandedsend/dep"
)

// The shapes below strand their senders too, but the channel carries
// more values than a buffer of known size could hold: a sender sends in
// a loop or more than once, or goroutines are started a number of times
// known only at run time. On real code these measured 3 real in 8, so
// they are reported only with -strandedsend.streams (the streams fixture
// package runs them with the flag).

// ok: a producer in a loop: reported only with -strandedsend.streams.
func breakOutOfRange(items []int) int {
	ch := make(chan int)
	go func() {
		for _, it := range items {
			ch <- it
		}
		close(ch)
	}()
	sum := 0
	for v := range ch {
		if v < 0 {
			break
		}
		sum += v
	}
	return sum
}

// ok: goroutines started once per item, a count known only at run time:
// reported only with -strandedsend.streams.
func returnOnFirstError(items []string) error {
	errc := make(chan error)
	for range items {
		go func() { errc <- check() }()
	}
	for range items {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// ok: a named producer that sends n values into a buffer of four:
// reported only with -strandedsend.streams.
func streamAbandoned(ctx context.Context) int {
	ch := make(chan int, 4)
	go dep.Stream(ch, 100)
	total := 0
	for {
		select {
		case v, ok := <-ch:
			if !ok {
				return total
			}
			total += v
		case <-ctx.Done():
			return total
		}
	}
}

// ok: two sends in one goroutine, the deferred one on the panic path,
// count as two values (a flag correlates them, which the analysis does
// not see): reported only with -strandedsend.streams.
func deferredSendOnPanic() error {
	channel := make(chan error)
	go func() {
		var returned bool
		defer func() {
			if !returned {
				channel <- errors.New("panic")
			}
		}()
		channel <- check()
		returned = true
	}()
	select {
	case err := <-channel:
		return err
	case <-time.After(time.Second):
		return errors.New("timeout")
	}
}

// ok: a one-shot sender shares its channel with a producer in a loop, so
// the channel is a stream: neither is reported without
// -strandedsend.streams.
func oneShotBesideStream(ctx context.Context, items []int) int {
	ch := make(chan int)
	go func() { ch <- compute() }()
	go func() {
		for _, it := range items {
			ch <- it
		}
	}()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}
