// Package swallowedcancel shows the swallowedcancel rule at run time: a
// fetch that answers cancellation with an empty page and a nil error
// makes its caller, a crawler, carry on after the user cancelled, storing
// empty pages as if they had been fetched.
package swallowedcancel

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"
)

// Page is one fetched page.
type Page struct {
	N    int
	Body string
}

// Backend serves pages after a delay.
type Backend struct{ Delay time.Duration }

// page starts fetching page n and returns where it will arrive. The
// channel has room for the page, so the timer's send never blocks, even
// when nobody waits any more.
func (b *Backend) page(n int) <-chan Page {
	ch := make(chan Page, 1)
	time.AfterFunc(b.Delay, func() { ch <- Page{N: n, Body: fmt.Sprintf("page %d", n)} })
	return ch
}

// Bad fetches page n, or gives up when ctx is done. Giving up returns an
// empty page and a nil error: the caller cannot tell it from a page that
// arrived empty.
func Bad(ctx context.Context, b *Backend, n int) (Page, error) {
	select {
	case p := <-b.page(n):
		return p, nil
	case <-ctx.Done():
		return Page{}, nil
	}
}

// Good is Bad returning the cancellation, so the caller stops.
func Good(ctx context.Context, b *Backend, n int) (Page, error) {
	select {
	case p := <-b.page(n):
		return p, nil
	case <-ctx.Done():
		return Page{}, ctx.Err()
	}
}

// Fetch is Bad or Good.
type Fetch func(context.Context, *Backend, int) (Page, error)

// Outcome is what the crawler did.
type Outcome struct {
	Err              error
	Fetched          int // pages with a body
	CallsAfterCancel int // fetches made after the user cancelled
	EmptyStored      int // empty pages stored as fetched
}

// Crawl fetches pages 0..pages-1 in order and stores each one, as a
// crawler would, stopping at the first error. The user cancels once
// cancelAfter pages are stored.
func Crawl(fetch Fetch, pages, cancelAfter int) Outcome {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b := &Backend{Delay: time.Millisecond}
	var o Outcome
	cancelled := false
	for n := range pages {
		if cancelled {
			o.CallsAfterCancel++
		}
		p, err := fetch(ctx, b, n)
		if err != nil {
			o.Err = err
			break
		}
		if p.Body == "" {
			o.EmptyStored++
		} else {
			o.Fetched++
		}
		if o.Fetched+o.EmptyStored == cancelAfter {
			cancel() // the user gives up
			cancelled = true
		}
	}
	return o
}

// Show crawls with both versions and says what the crawler did after the
// user cancelled.
func Show(w io.Writer) error {
	const pages, cancelAfter = 50, 5
	bad := Crawl(Bad, pages, cancelAfter)
	good := Crawl(Good, pages, cancelAfter)
	if !errors.Is(good.Err, context.Canceled) {
		return fmt.Errorf("good crawl ended with %v, want context.Canceled", good.Err)
	}
	fmt.Fprintf(w, "bad:  cancelled after %d of %d pages; the crawler made %d more fetches and stored %d empty pages as fetched, error %v\n",
		cancelAfter, pages, bad.CallsAfterCancel, bad.EmptyStored, bad.Err)
	fmt.Fprintf(w, "good: cancelled after %d of %d pages; the crawler stopped after %d more fetch with %q, %d empty pages stored\n",
		cancelAfter, pages, good.CallsAfterCancel, good.Err, good.EmptyStored)
	return nil
}
