package spinloop

import (
	"sync"
	"sync/atomic"

	"spinloop/dep"
)

func emptyForever() {
	for { // want `empty for loop spins forever`
	}
}

var done bool

func plainPackageVar() {
	for !done { // want `loop spins until done changes, reading it as a plain variable`
	}
}

type state struct {
	ready  bool
	n      atomic.Int64
	status atomic.Int32
	mu     sync.Mutex
	lock   int32
}

func plainField(s *state) {
	for !s.ready { // want `loop spins until s.ready changes, reading it as a plain variable`
	}
}

func plainCapturedLocal() {
	finished := false
	go func() { finished = true }()
	for !finished { // want `spins until finished changes, reading it as a plain variable`
	}
}

var flag int32

func atomicFuncPoll() {
	for atomic.LoadInt32(&flag) == 0 { // want `loop polls flag with nothing that blocks or yields`
	}
}

func atomicMethodPoll(ready *atomic.Bool) {
	for !ready.Load() { // want `loop polls ready with nothing that blocks or yields`
	}
}

func atomicPollBreak(s *state) {
	for { // want `loop polls s.status with nothing that blocks or yields`
		if s.status.Load() == 2 {
			break
		}
	}
}

func atomicPollThroughLocal(s *state, target int64) int64 {
	for { // want `loop polls s.n with nothing`
		v := s.n.Load()
		if v >= target {
			return v
		}
	}
}

func spinLock(s *state) {
	for !atomic.CompareAndSwapInt32(&s.lock, 0, 1) { // want `loop polls s.lock with nothing`
	}
}

func tryLockSpin(mu *sync.Mutex) {
	for !mu.TryLock() { // want `loop polls mu with nothing`
	}
}

func mutexPoll(s *state) {
	for { // want `loop spins until s.ready changes, reading it under a lock`
		s.mu.Lock()
		r := s.ready
		s.mu.Unlock()
		if r {
			return
		}
	}
}

func channelLengthPoll(ch chan int) int {
	for len(ch) == 0 { // want `loop polls len\(ch\) with nothing`
	}
	return <-ch
}

func selectEmptyDefault(stop chan struct{}) {
	for { // want `select with an empty default in a loop spins`
		select {
		case <-stop:
			return
		default:
		}
	}
}

func selectContinueDefault(in chan int, stop chan struct{}) (sum int) {
	for { // want `select with an empty default in a loop spins`
		select {
		case v := <-in:
			sum += v
		case <-stop:
			return sum
		default:
			continue
		}
	}
}

func selectCountingDefault(stop chan struct{}) (spins int) {
loop:
	for { // want `select in a loop spins: its default does nothing useful`
		select {
		case <-stop:
			break loop
		default:
			spins++
		}
	}
	return spins
}

func crossPackagePoll(f *dep.Flag) {
	for !f.IsSet() { // want `loop polls f.IsSet\(\) with nothing`
	}
}

func crossPackagePlain() {
	for !dep.Ready() { // want `loop spins until dep.Ready\(\) changes, reading it as a plain variable`
	}
}

func crossPackageLocked(f *dep.Flag) {
	for !f.Locked() { // want `loop spins until f.Locked\(\) changes, reading it under a lock`
	}
}

func (s *state) isDone() bool { return s.status.Load() == 3 }

func samePackagePredicate(s *state) {
	for !s.isDone() { // want `loop polls s.isDone\(\) with nothing`
	}
}

func spinCounting(s *state) (spins int) {
	for !s.isDone() { // want `loop polls s.isDone\(\) with nothing`
		spins++
	}
	return spins
}

func spinInGoroutine(ready *atomic.Bool, out chan<- int) {
	go func() {
		for !ready.Load() { // want `loop polls ready with nothing`
		}
		out <- 1
	}()
}

// The default sets a flag, but no exit of the loop tests it.
func selectFlagNobodyTests(stop chan struct{}) (idle bool) {
	for { // want `select in a loop spins: its default does nothing useful`
		select {
		case <-stop:
			return idle
		default:
			idle = true
		}
	}
}
