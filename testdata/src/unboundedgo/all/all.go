// Package all holds loops over what the function did not get from its
// caller: reported only with -unboundedgo.all.
package all

import (
	"net"
	"os"
	"sync"
)

func fetch(string) error { return nil }

func literalThenAppended(extra []string) {
	urls := []string{"a", "b"}
	urls = append(urls, extra...)
	for _, u := range urls {
		go fetch(u) // want `goroutine started for each element of urls`
	}
}

type server struct {
	peers    []string
	requests chan string
	conns    chan net.Conn
}

func (s *server) broadcastToPeers() {
	for _, p := range s.peers {
		go fetch(p) // want `goroutine started for each element of s.peers`
	}
}

func (s *server) dispatch(quit <-chan struct{}) { // want dispatch:"drains\\(recv\\)"
	for {
		select {
		case r := <-s.requests:
			go fetch(r) // want `goroutine started for each value received from s.requests`
		case <-quit:
			return
		}
	}
}

// Connections handed over on a channel: an accept loop whose Accept is
// elsewhere, reported only with -unboundedgo.accept.
func (s *server) serveConns() { // want serveConns:"drains\\(recv\\)"
	for c := range s.conns {
		go c.Close() // ok: an accept loop
	}
}

func readDirectory(dir string) {
	entries, _ := os.ReadDir(dir)
	var wg sync.WaitGroup
	for _, e := range entries {
		wg.Add(1)
		go func() { // want `goroutine started for each element of entries`
			defer wg.Done()
			fetch(e.Name())
		}()
	}
	wg.Wait()
}

func groupedByHost(urls []string, host func(string) string) {
	byHost := map[string][]string{}
	for _, u := range urls {
		byHost[host(u)] = append(byHost[host(u)], u)
	}
	for h := range byHost {
		go fetch(h) // want `goroutine started for each entry of byHost`
	}
}
