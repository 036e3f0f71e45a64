package nn

// convMax computes one filter bank: pool[f] = max over positions t < n of
// Σ_{j<width} T_j[rows[t+j] + f], where tabs holds the width folded tables
// T_j (vocab × F each, bias folded into T_0) back to back and rows holds
// row offsets (id × F). Widths up to 5 are summed and maxed in one pass over
// the F filters; wider banks first sum rows into acc (len F).
func convMax(pool, acc, tabs []float32, width int, rows []int32, n int) {
	for f := range pool {
		pool[f] = negInf
	}
	if width > 5 {
		for t := range n {
			convWide(pool, acc, tabs, width, rows[t:])
		}
		return
	}
	var r [5][]float32
	for t := range n {
		for j := range width {
			r[j] = tableRow(tabs, j, rows[t+j], len(pool))
		}
		switch width {
		case 1:
			max1(pool, r[0])
		case 2:
			max2(pool, r[0], r[1])
		case 3:
			max3(pool, r[0], r[1], r[2])
		case 4:
			max4(pool, r[0], r[1], r[2], r[3])
		case 5:
			max5(pool, r[0], r[1], r[2], r[3], r[4])
		}
	}
}

// tableRow returns row off of folded table j.
func tableRow(tabs []float32, j int, off int32, F int) []float32 {
	o := j*vocab*F + int(off)
	return tabs[o : o+F : o+F]
}

// convWide handles one position of a bank wider than 5: acc sums the rows
// four at a time, then the last up-to-four rows are summed and maxed with it.
func convWide(pool, acc, tabs []float32, width int, rows []int32) {
	F := len(pool)
	row := func(j int) []float32 { return tableRow(tabs, j, rows[j], F) }
	sum4(acc, row(0), row(1), row(2), row(3))
	j := 4
	for ; width-j > 4; j += 4 {
		add4(acc, row(j), row(j+1), row(j+2), row(j+3))
	}
	switch width - j {
	case 1:
		max2(pool, acc, row(j))
	case 2:
		max3(pool, acc, row(j), row(j+1))
	case 3:
		max4(pool, acc, row(j), row(j+1), row(j+2))
	case 4:
		max5(pool, acc, row(j), row(j+1), row(j+2), row(j+3))
	}
}

// The kernels below update dst[f] = max(dst[f], Σ rows[f]). The compare
// and branch is twice as fast as the builtin max, which must order NaNs and
// signed zeros; the branch is predictable once the maxima settle.

func max1(dst, a []float32) {
	a = a[:len(dst)]
	for f := range dst {
		if v := a[f]; v > dst[f] {
			dst[f] = v
		}
	}
}

func max2(dst, a, b []float32) {
	a, b = a[:len(dst)], b[:len(dst)]
	for f := range dst {
		if v := a[f] + b[f]; v > dst[f] {
			dst[f] = v
		}
	}
}

func max3(dst, a, b, c []float32) {
	a, b, c = a[:len(dst)], b[:len(dst)], c[:len(dst)]
	for f := range dst {
		if v := a[f] + b[f] + c[f]; v > dst[f] {
			dst[f] = v
		}
	}
}

func max4(dst, a, b, c, d []float32) {
	a, b, c, d = a[:len(dst)], b[:len(dst)], c[:len(dst)], d[:len(dst)]
	for f := range dst {
		if v := a[f] + b[f] + c[f] + d[f]; v > dst[f] {
			dst[f] = v
		}
	}
}

func max5(dst, a, b, c, d, e []float32) {
	a, b, c, d, e = a[:len(dst)], b[:len(dst)], c[:len(dst)], d[:len(dst)], e[:len(dst)]
	for f := range dst {
		if v := a[f] + b[f] + c[f] + d[f] + e[f]; v > dst[f] {
			dst[f] = v
		}
	}
}

func sum4(dst, a, b, c, d []float32) {
	a, b, c, d = a[:len(dst)], b[:len(dst)], c[:len(dst)], d[:len(dst)]
	for f := range dst {
		dst[f] = a[f] + b[f] + c[f] + d[f]
	}
}

func add4(dst, a, b, c, d []float32) {
	a, b, c, d = a[:len(dst)], b[:len(dst)], c[:len(dst)], d[:len(dst)]
	for f := range dst {
		dst[f] += a[f] + b[f] + c[f] + d[f]
	}
}
