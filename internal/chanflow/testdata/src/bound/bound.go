// Package bound makes more channels in one function than chanflow follows.
package bound

func many() int {
	total := 0
	ch0 := make(chan int)
	go func() { ch0 <- 0 }()
	total += <-ch0
	ch1 := make(chan int)
	go func() { ch1 <- 1 }()
	total += <-ch1
	ch2 := make(chan int)
	go func() { ch2 <- 2 }()
	total += <-ch2
	ch3 := make(chan int)
	go func() { ch3 <- 3 }()
	total += <-ch3
	ch4 := make(chan int)
	go func() { ch4 <- 4 }()
	total += <-ch4
	ch5 := make(chan int)
	go func() { ch5 <- 5 }()
	total += <-ch5
	ch6 := make(chan int)
	go func() { ch6 <- 6 }()
	total += <-ch6
	ch7 := make(chan int)
	go func() { ch7 <- 7 }()
	total += <-ch7
	ch8 := make(chan int)
	go func() { ch8 <- 8 }()
	total += <-ch8
	ch9 := make(chan int)
	go func() { ch9 <- 9 }()
	total += <-ch9
	ch10 := make(chan int)
	go func() { ch10 <- 10 }()
	total += <-ch10
	ch11 := make(chan int)
	go func() { ch11 <- 11 }()
	total += <-ch11
	ch12 := make(chan int)
	go func() { ch12 <- 12 }()
	total += <-ch12
	ch13 := make(chan int)
	go func() { ch13 <- 13 }()
	total += <-ch13
	ch14 := make(chan int)
	go func() { ch14 <- 14 }()
	total += <-ch14
	ch15 := make(chan int)
	go func() { ch15 <- 15 }()
	total += <-ch15
	ch16 := make(chan int)
	go func() { ch16 <- 16 }()
	total += <-ch16
	ch17 := make(chan int)
	go func() { ch17 <- 17 }()
	total += <-ch17
	ch18 := make(chan int)
	go func() { ch18 <- 18 }()
	total += <-ch18
	ch19 := make(chan int)
	go func() { ch19 <- 19 }()
	total += <-ch19
	ch20 := make(chan int)
	go func() { ch20 <- 20 }()
	total += <-ch20
	ch21 := make(chan int)
	go func() { ch21 <- 21 }()
	total += <-ch21
	ch22 := make(chan int)
	go func() { ch22 <- 22 }()
	total += <-ch22
	ch23 := make(chan int)
	go func() { ch23 <- 23 }()
	total += <-ch23
	ch24 := make(chan int)
	go func() { ch24 <- 24 }()
	total += <-ch24
	ch25 := make(chan int)
	go func() { ch25 <- 25 }()
	total += <-ch25
	ch26 := make(chan int)
	go func() { ch26 <- 26 }()
	total += <-ch26
	ch27 := make(chan int)
	go func() { ch27 <- 27 }()
	total += <-ch27
	ch28 := make(chan int)
	go func() { ch28 <- 28 }()
	total += <-ch28
	ch29 := make(chan int)
	go func() { ch29 <- 29 }()
	total += <-ch29
	ch30 := make(chan int)
	go func() { ch30 <- 30 }()
	total += <-ch30
	ch31 := make(chan int)
	go func() { ch31 <- 31 }()
	total += <-ch31
	ch32 := make(chan int)
	go func() { ch32 <- 32 }()
	total += <-ch32
	ch33 := make(chan int)
	go func() { ch33 <- 33 }()
	total += <-ch33
	ch34 := make(chan int)
	go func() { ch34 <- 34 }()
	total += <-ch34
	ch35 := make(chan int)
	go func() { ch35 <- 35 }()
	total += <-ch35
	ch36 := make(chan int)
	go func() { ch36 <- 36 }()
	total += <-ch36
	ch37 := make(chan int)
	go func() { ch37 <- 37 }()
	total += <-ch37
	ch38 := make(chan int)
	go func() { ch38 <- 38 }()
	total += <-ch38
	ch39 := make(chan int)
	go func() { ch39 <- 39 }()
	total += <-ch39
	return total
}
