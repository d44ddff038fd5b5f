// Package dep is imported by the lostresult fixtures to prove that facts
// cross package boundaries.
package dep

import (
	"errors"
	"net"
)

// Flush can fail.
func Flush() error { return errors.New("disk full") }

// Noop never fails: its error is nil on every path.
func Noop() error { return nil } // want Noop:"nilError"

// Forward returns what Noop returns.
func Forward() (int, error) { return 1, Noop() } // (int, nil-by-call) is not proved

// Chain forwards a call whose error is always nil.
func Chain() error { return Noop() } // want Chain:"nilError"

// Client is a type with a fallible method.
type Client struct{}

func (c *Client) Send(msg string) error {
	if msg == "" {
		return errors.New("empty")
	}
	return nil
}

// Ping never fails.
func (c *Client) Ping() error { return nil } // want Ping:"nilError"

// Mux runs an accept loop: its error only says the listener was closed.
type Mux struct{ L net.Listener }

func (m *Mux) Run() error { // want Run:"stopOnly"
	for {
		c, err := m.L.Accept()
		if err != nil {
			return err
		}
		go c.Close()
	}
}

// DNSServer serves, but can also fail while it sets up.
type DNSServer struct {
	L       net.Listener
	started bool
}

func (s *DNSServer) ActivateAndServe() error { // want ActivateAndServe:"serves"
	if s.started {
		return errors.New("server already started")
	}
	s.started = true
	return s.serveTCP()
}

func (s *DNSServer) serveTCP() error { // want serveTCP:"stopOnly"
	for s.started {
		c, err := s.L.Accept()
		if err != nil {
			return err
		}
		c.Close()
	}
	return nil
}

func (s *DNSServer) Shutdown() error { return s.L.Close() }
