package unclosedrange

import (
	"context"
	"sync"
	"time"

	"fatal"
	"golang.org/x/sync/errgroup"
	"unclosedrange/dep"
)

// ok: a closer goroutine closes after wg.Wait().
func closerAfterWait(urls []string) []string {
	pages := make(chan string)
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pages <- fetch(u)
		}()
	}
	go func() {
		wg.Wait()
		close(pages)
	}()
	var out []string
	for p := range pages {
		out = append(out, p)
	}
	return out
}

// ok: the producer closes with defer, so every return closes.
func producerDefersClose(items []string) int {
	ch := make(chan string)
	go func() {
		defer close(ch)
		for _, it := range items {
			if err := check(it); err != nil {
				return
			}
			ch <- it
		}
	}()
	n := 0
	for range ch {
		n++
	}
	return n
}

// ok: every path out of the producer closes.
func closeOnEveryPath(items []string) int {
	ch := make(chan string)
	go func() {
		for _, it := range items {
			if err := check(it); err != nil {
				close(ch)
				return
			}
			ch <- it
		}
		close(ch)
	}()
	n := 0
	for range ch {
		n++
	}
	return n
}

// ok: the imported producer closes on every path (facts).
func importedCloses() int {
	ch := make(chan int)
	go dep.Stream(ch, 3)
	sum := 0
	for v := range ch {
		sum += v
	}
	return sum
}

// ok: the closer is a named function that waits, then closes (facts).
func namedCloser(n int) int {
	ch := make(chan int)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ch <- i
		}()
	}
	go dep.CloseAfter(&wg, ch)
	sum := 0
	for v := range ch {
		sum += v
	}
	return sum
}

// ok: the producer never stops: the stream is endless by design.
func endlessStream() {
	ticks := make(chan time.Time)
	go func() {
		for {
			ticks <- time.Now()
			time.Sleep(time.Second)
		}
	}()
	for t := range ticks {
		_ = t
	}
}

// ok: the consumer stops on a sentinel value the producer sends.
func sentinel(items []string) int {
	ch := make(chan string)
	go func() {
		for _, it := range items {
			ch <- it
		}
		ch <- ""
	}()
	n := 0
	for it := range ch {
		if it == "" {
			break
		}
		n++
	}
	return n
}

// ok: the channel is returned; its consumer is the caller's business.
func returnedChannel(items []string) <-chan string {
	ch := make(chan string)
	go func() {
		for _, it := range items {
			ch <- it
		}
	}()
	return ch
}

// ok: the function produces for a consumer goroutine and defers the
// close right after starting it.
func functionDefersCloseAfterStart(items []string) error {
	ch := make(chan string)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for it := range ch {
			_ = it
		}
	}()
	defer func() { close(ch); <-done }()
	for _, it := range items {
		if err := check(it); err != nil {
			return err
		}
		ch <- it
	}
	return nil
}

// ok: a sync.Once closes the channel from whichever producer finishes.
func onceCloses(items []string) int {
	ch := make(chan string)
	var once sync.Once
	stop := func() { once.Do(func() { close(ch) }) }
	go func() {
		defer stop()
		for _, it := range items {
			ch <- it
		}
	}()
	n := 0
	for range ch {
		n++
	}
	return n
}

// ok: an errgroup's producers are closed for after g.Wait().
func errgroupCloser(ctx context.Context, urls []string) ([]string, error) {
	g, ctx := errgroup.WithContext(ctx)
	pages := make(chan string)
	for _, u := range urls {
		g.Go(func() error {
			select {
			case pages <- fetch(u):
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}
	errc := make(chan error, 1)
	go func() {
		errc <- g.Wait()
		close(pages)
	}()
	var out []string
	for p := range pages {
		out = append(out, p)
	}
	return out, <-errc
}

// ok: the producer fills a buffered channel and closes it before the
// range starts.
func filledThenClosed(items []string) int {
	ch := make(chan string, len(items))
	for _, it := range items {
		ch <- it
	}
	close(ch)
	n := 0
	for range ch {
		n++
	}
	return n
}

// ok: silenced with a reason.
func silenced(items []string) {
	ch := make(chan string)
	go func() {
		for _, it := range items {
			ch <- it
		}
	}()
	//asynclint:ignore unclosedrange the process exits once the items are handled
	for it := range ch {
		_ = it
	}
}

// ok: the single producer closes through a helper it calls on every path.
func closesThroughHelper(items []string) int {
	ch := make(chan string)
	finish := func() { close(ch) }
	go func() {
		defer finish()
		for _, it := range items {
			ch <- it
		}
	}()
	n := 0
	for range ch {
		n++
	}
	return n
}

// ok: the close is deferred before the consumers start: every way out
// of the function closes.
func deferredCloseBeforeConsumers(items []string) {
	reqs := make(chan string)
	defer close(reqs)
	var wg sync.WaitGroup
	for range 4 {
		go func() {
			for r := range reqs {
				_ = r
				wg.Done()
			}
		}()
	}
	for _, it := range items {
		wg.Add(1)
		reqs <- it
	}
	wg.Wait()
}

// ok: the range body panics on the first value: the range cannot wait
// for a second one.
func firstValuePanics(items []string) {
	errs := make(chan error, len(items))
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := check(it); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	if len(errs) > 0 {
		for err := range errs {
			panic(err)
		}
	}
}

// ok: the consumer stops through the project's own fatal helper, in
// another package, at the value it waits for.
func fatalHelperStopsRange() {
	ch := make(chan int)
	go func() {
		for i := 0; i < 3; i++ {
			ch <- i
		}
	}()
	for v := range ch {
		if v == 2 {
			fatal.Exitf("got %d", v)
		}
	}
}
