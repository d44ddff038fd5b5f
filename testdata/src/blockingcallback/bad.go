package blockingcallback

import (
	"context"
	"net/http"
	"sync"
	"time"

	"blockingcallback/dep"
)

type server struct {
	in      chan int
	out     chan int
	reqs    chan request
	backend chan int
	tick    *time.Ticker
	quit    chan struct{}
	mu      sync.Mutex
	cond    *sync.Cond
	bus     *dep.Bus
	results chan int
}

type request struct {
	key   string
	reply chan int
}

func (s *server) sleepInCase(ctx context.Context) {
	for {
		select {
		case <-s.tick.C:
			time.Sleep(50 * time.Millisecond) // want `time.Sleep blocks this dispatch loop`
		case v := <-s.in:
			_ = v
		case <-ctx.Done():
			return
		}
	}
}

func (s *server) waitGroupInCase() {
	for {
		select {
		case n := <-s.in:
			var wg sync.WaitGroup
			for range n {
				wg.Add(1)
				go func() { defer wg.Done() }()
			}
			wg.Wait() // want `wg.Wait blocks this dispatch loop`
		case r := <-s.results:
			s.record(r)
		case <-s.quit:
			return
		}
	}
}

func (s *server) condWaitInCase() {
	for {
		select {
		case <-s.in:
			s.mu.Lock()
			s.cond.Wait() // want `s.cond.Wait blocks this dispatch loop`
			s.mu.Unlock()
		case r := <-s.results:
			s.record(r)
		case <-s.quit:
			return
		}
	}
}

func (s *server) bareSendInCase(ctx context.Context) {
	for {
		select {
		case v := <-s.in:
			s.out <- v * 2 // want `send on s.out blocks this dispatch loop`
		case r := <-s.results:
			s.record(r)
		case <-ctx.Done():
			return
		}
	}
}

func (s *server) bareReceiveInCase(ctx context.Context) {
	for {
		select {
		case req := <-s.reqs:
			v := <-s.backend // want `receive from s.backend blocks this dispatch loop`
			_ = req.key
			_ = v
		case r := <-s.results:
			s.record(r)
		case <-ctx.Done():
			return
		}
	}
}

func (s *server) rangeInCase(ctx context.Context) {
	for {
		select {
		case <-s.in:
			for v := range s.backend { // want `range over s.backend blocks this dispatch loop`
				_ = v
			}
		case r := <-s.results:
			s.record(r)
		case <-ctx.Done():
			return
		}
	}
}

func (s *server) flush() { time.Sleep(time.Millisecond) }

func (s *server) record(r int) {}

func (s *server) callThatSleeps(ctx context.Context) {
	for {
		select {
		case <-s.tick.C:
			s.flush() // want `s.flush may sleep \(1 call deep\) and block this dispatch loop`
		case r := <-s.results:
			s.record(r)
		case <-ctx.Done():
			return
		}
	}
}

func (s *server) crossPackageSleep(ctx context.Context) {
	for {
		select {
		case <-s.tick.C:
			dep.Nap() // want `dep.Nap may sleep \(2 calls deep\) and block this dispatch loop`
		case r := <-s.results:
			s.record(r)
		case <-ctx.Done():
			return
		}
	}
}

func (s *server) networkInCase(ctx context.Context) {
	for {
		select {
		case req := <-s.reqs:
			resp, err := http.Get(req.key) // want `http.Get waits on the network or another process and blocks this dispatch loop`
			if err == nil {
				resp.Body.Close()
			}
		case r := <-s.results:
			s.record(r)
		case <-ctx.Done():
			return
		}
	}
}

func (s *server) offloadThenWait(ctx context.Context) {
	for {
		select {
		case v := <-s.in:
			done := make(chan int)
			go func() { done <- v * v }()
			s.results <- <-done // want `send on s.results blocks` `receive from done blocks`
		case r := <-s.results:
			s.record(r)
		case <-ctx.Done():
			return
		}
	}
}

func (s *server) timerInCase(ctx context.Context) {
	for {
		select {
		case <-s.in:
			<-time.After(time.Second) // want `receive from a timer blocks this dispatch loop`
		case r := <-s.results:
			s.record(r)
		case <-ctx.Done():
			return
		}
	}
}

func (s *server) nestedSelectWithoutStop(a, b chan int) {
	for {
		select {
		case v := <-s.in:
			select { // want `select with no stop case blocks this dispatch loop`
			case a <- v:
			case b <- v:
			}
		case r := <-s.results:
			s.record(r)
		case <-s.quit:
			return
		}
	}
}

func (s *server) goroutineLoop() {
	go func() {
		for {
			select {
			case <-s.tick.C:
				time.Sleep(time.Second) // want `time.Sleep blocks this dispatch loop`
			case r := <-s.results:
				s.record(r)
			case <-s.quit:
				return
			}
		}
	}()
}

func (s *server) cpuLoopOnInput(ctx context.Context) (sum int) {
	for {
		select {
		case n := <-s.in:
			for i := 0; i < n; i++ { // want `loop of n rounds with no yield point blocks this dispatch loop`
				sum += i * i
			}
		case r := <-s.results:
			s.record(r)
		case <-ctx.Done():
			return sum
		}
	}
}

func (s *server) labeledStop() {
loop:
	for {
		select {
		case <-s.tick.C:
			time.Sleep(time.Millisecond) // want `time.Sleep blocks this dispatch loop`
		case r := <-s.results:
			s.record(r)
		case <-s.quit:
			break loop
		}
	}
}

// dep.Pause honours the context it is given, but that is not the one
// that stops the loop.
func (s *server) awaitWithAnotherContext(ctx context.Context) {
	for {
		select {
		case <-s.in:
			dep.Pause(context.Background(), time.Second) // want `dep.Pause may sleep \(1 call deep\) and block this dispatch loop`
		case r := <-s.results:
			s.record(r)
		case <-ctx.Done():
			return
		}
	}
}

// relay is made by newRelay, which makes its channel in a local first.
type relay struct {
	outc chan int
	in   chan int
	tick <-chan time.Time
}

func newRelay() *relay {
	outc := make(chan int)
	return &relay{outc: outc, in: make(chan int)}
}

// outc reaches the field through a local, unbuffered.
func (r *relay) unbufferedThroughALocal(ctx context.Context) {
	for {
		select {
		case v := <-r.in:
			r.outc <- v // want `send on r.outc blocks this dispatch loop`
		case <-r.tick:
		case <-ctx.Done():
			return
		}
	}
}
