// Package immortalgo shows the immortalgo rule at run time: a cache's
// janitor that ranges over its ticker's channel outlives the cache.
// Close stops the ticker, believing that ends the range, but Stop does
// not close the channel: every cache opened and closed leaves a janitor
// waiting for a tick that will never come, holding the cache it cleaned.
package immortalgo

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/asynclint/asynclint/demo/internal/leakcheck"
)

// tick is how often a janitor evicts: short, so that the demo sees one
// eviction quickly.
const tick = time.Millisecond

// BadCache drops its entries on every tick of a janitor that cannot stop.
type BadCache struct {
	mu     sync.Mutex
	items  map[string]string
	ticker *time.Ticker
}

// Bad opens a cache whose janitor ranges over the ticker's channel: its
// loop ends only if the channel is closed, which never happens.
func Bad() *BadCache {
	c := &BadCache{items: map[string]string{}, ticker: time.NewTicker(tick)}
	go c.badJanitor()
	return c
}

func (c *BadCache) badJanitor() {
	for range c.ticker.C {
		c.evict()
	}
}

func (c *BadCache) evict() {
	c.mu.Lock()
	clear(c.items)
	c.mu.Unlock()
}

// Put adds an entry.
func (c *BadCache) Put(k, v string) {
	c.mu.Lock()
	c.items[k] = v
	c.mu.Unlock()
}

// Len counts the entries.
func (c *BadCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items)
}

// Close stops the ticker. The janitor gets no more ticks, but its range
// does not end: Stop does not close the channel.
func (c *BadCache) Close() { c.ticker.Stop() }

// GoodCache drops its entries on every tick of a janitor that leaves when
// the cache is closed.
type GoodCache struct {
	mu    sync.Mutex
	items map[string]string
	quit  chan struct{}
	wg    sync.WaitGroup
}

// Good opens a cache whose janitor selects on the ticker and on a quit
// channel that Close closes, and returns there.
func Good() *GoodCache {
	c := &GoodCache{items: map[string]string{}, quit: make(chan struct{})}
	c.wg.Add(1)
	go c.goodJanitor()
	return c
}

func (c *GoodCache) goodJanitor() {
	defer c.wg.Done()
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			c.mu.Lock()
			clear(c.items)
			c.mu.Unlock()
		case <-c.quit:
			return
		}
	}
}

// Put adds an entry.
func (c *GoodCache) Put(k, v string) {
	c.mu.Lock()
	c.items[k] = v
	c.mu.Unlock()
}

// Len counts the entries.
func (c *GoodCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items)
}

// Close ends the janitor and waits for it.
func (c *GoodCache) Close() {
	close(c.quit)
	c.wg.Wait()
}

// cache is what Restart needs of either cache.
type cache interface {
	Put(k, v string)
	Len() int
	Close()
}

// Restart runs an owner's life restarts times: it opens a cache, puts an
// entry, waits until the janitor has evicted it, and closes the cache, as
// a server that is reloaded or a test that runs again would. It returns
// how many entries the janitors evicted.
func Restart(open func() cache, restarts int) int {
	evicted := 0
	for range restarts {
		c := open()
		c.Put("k", "v")
		for deadline := time.Now().Add(5 * time.Second); c.Len() > 0 && time.Now().Before(deadline); {
			time.Sleep(tick)
		}
		if c.Len() == 0 {
			evicted++
		}
		c.Close()
	}
	return evicted
}

// OpenBad and OpenGood adapt Bad and Good to Restart.
func OpenBad() cache  { return Bad() }
func OpenGood() cache { return Good() }

// Show opens and closes both caches a few times and counts the janitors
// left.
func Show(w io.Writer) error {
	const restarts = 5
	before := leakcheck.Stuck("immortalgo.(*BadCache).badJanitor")
	badEvicted := Restart(OpenBad, restarts)
	leakcheck.Settle()
	badLeft := leakcheck.Stuck("immortalgo.(*BadCache).badJanitor") - before
	goodEvicted := Restart(OpenGood, restarts)
	leakcheck.Settle()
	goodLeft := leakcheck.Stuck("immortalgo.(*GoodCache).goodJanitor")
	fmt.Fprintf(w, "bad:  %d caches opened and closed (%d janitor evictions seen); %d janitors still wait in range over a stopped ticker, whose channel Stop never closes (%s)\n",
		restarts, badEvicted, badLeft, leakcheck.Method())
	fmt.Fprintf(w, "good: %d caches opened and closed (%d janitor evictions seen); %d janitors left: closing quit made each janitor return\n",
		restarts, goodEvicted, goodLeft)
	return nil
}
