// Package dep is imported by the immortalgo fixtures to prove that the
// neverReturns fact crosses package boundaries.
package dep

import (
	"context"
	"time"
)

// Poller polls a source forever.
type Poller struct {
	n    int
	quit chan struct{}
}

// Loop polls on a ticker and has nothing to leave on.
func (p *Poller) Loop() { // want Loop:"^neverReturns$"
	t := time.NewTicker(time.Second)
	for {
		select {
		case <-t.C:
			p.n++
		}
	}
}

// Run starts the loop after a setup step: it never returns either.
func (p *Poller) Run() { // want Run:"neverReturns"
	p.n = 0
	p.Loop()
}

// Stoppable polls until quit is closed.
func (p *Poller) Stoppable() {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			p.n++
		case <-p.quit:
			return
		}
	}
}

// Close stops Stoppable.
func (p *Poller) Close() { close(p.quit) }

// Watch returns when ctx is done.
func Watch(ctx context.Context, events <-chan string) {
	for {
		select {
		case <-ctx.Done():
			return
		case e := <-events:
			_ = e
		}
	}
}

// Heartbeat ranges over time.Tick's channel, which is never closed.
func Heartbeat(beat func()) { // want Heartbeat:"neverReturns, missedStop"
	for range time.Tick(time.Second) {
		beat()
	}
}

// Drain ends when its channel is closed.
func Drain(ch <-chan int) {
	for range ch {
	}
}
