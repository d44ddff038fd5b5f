// Package accept holds accept loops, reported with -unboundedgo.accept.
package accept

import "net"

func serve(c net.Conn) { c.Close() }

func acceptLoop(ln net.Listener) error {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		go serve(conn) // want `goroutine started for each accepted connection`
	}
}

func acceptTCP(ln *net.TCPListener) {
	for {
		conn, err := ln.AcceptTCP()
		if err != nil {
			return
		}
		go serve(conn) // want `goroutine started for each accepted connection`
	}
}

func limitedAccept(ln net.Listener) {
	sem := make(chan struct{}, 100)
	for {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		sem <- struct{}{}
		go func() { // ok: at most 100 connections at once
			defer func() { <-sem }()
			serve(conn)
		}()
	}
}
