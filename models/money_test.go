package models

import (
	"errors"
	"testing"
)

func TestParseYuan(t *testing.T) {
	tests := []struct {
		in   string
		want Fen
	}{
		{"0", 0},
		{"0.00", 0},
		{"199", 19900},
		{"199.5", 19950},
		{"199.00", 19900},
		{"0.01", 1},
		{"0.05", 5},
		{"1,234.56", 123456},
		{"¥1,234.56", 123456},
		{"  12.30  ", 1230},
		{"200000.00", 20000000},
		{"1000000000000", MaxYuan * 100},
		{"1000000000000.99", MaxYuan*100 + 99},
	}
	for _, tt := range tests {
		got, err := ParseYuan(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseYuan(%q) = %d, %v; want %d, nil", tt.in, got, err, tt.want)
		}
	}
}

func TestParseYuanRejects(t *testing.T) {
	for _, in := range []string{
		"", " ", "1.234", "-1", "-0.01", "abc", "1e5", "1E5", "+5", ".5", "5.", "1.2.3",
		"¥", "0x10", "1 000", "１２", "NaN", "Inf", "1000000000001", "99999999999999999999",
	} {
		if got, err := ParseYuan(in); !errors.Is(err, ErrAmount) {
			t.Errorf("ParseYuan(%q) = %d, %v; want ErrAmount", in, got, err)
		}
	}
}

func TestParsePoints(t *testing.T) {
	tests := []struct {
		in   string
		want Points
	}{
		{"3000", 300000},
		{"3000.25", 300025},
		{"1", 100},
		{"1,800.00", 180000},
	}
	for _, tt := range tests {
		got, err := ParsePoints(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParsePoints(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
	for _, in := range []string{"", "¥1", "1.001", "-1", "x"} {
		if _, err := ParsePoints(in); err == nil {
			t.Errorf("ParsePoints(%q) accepted", in)
		}
	}
}

func TestFenFormat(t *testing.T) {
	tests := []struct {
		f       Fen
		str     string
		display string
	}{
		{0, "0.00", "¥0.00"},
		{5, "0.05", "¥0.05"},
		{10, "0.10", "¥0.10"},
		{100, "1.00", "¥1.00"},
		{99999, "999.99", "¥999.99"},
		{100000, "1000.00", "¥1,000.00"},
		{123456, "1234.56", "¥1,234.56"},
		{20000000, "200000.00", "¥200,000.00"},
		{12345678901, "123456789.01", "¥123,456,789.01"},
		{-5, "-0.05", "-¥0.05"},
		{-123456, "-1234.56", "-¥1,234.56"},
	}
	for _, tt := range tests {
		if got := tt.f.String(); got != tt.str {
			t.Errorf("Fen(%d).String() = %q; want %q", tt.f, got, tt.str)
		}
		if got := tt.f.Display(); got != tt.display {
			t.Errorf("Fen(%d).Display() = %q; want %q", tt.f, got, tt.display)
		}
	}
}

func TestPointsFormat(t *testing.T) {
	tests := []struct {
		p       Points
		str     string
		display string
		whole   int64
	}{
		{0, "0.00", "0.00", 0},
		{300000, "3000.00", "3,000.00", 3000},
		{180000, "1800.00", "1,800.00", 1800},
		{15000000, "150000.00", "150,000.00", 150000},
		{199, "1.99", "1.99", 1},
		{-250, "-2.50", "-2.50", 0},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.str {
			t.Errorf("Points(%d).String() = %q; want %q", tt.p, got, tt.str)
		}
		if got := tt.p.Display(); got != tt.display {
			t.Errorf("Points(%d).Display() = %q; want %q", tt.p, got, tt.display)
		}
		if got := tt.p.Whole(); got != tt.whole {
			t.Errorf("Points(%d).Whole() = %d; want %d", tt.p, got, tt.whole)
		}
	}
}

func TestMoneyRoundTrip(t *testing.T) {
	for _, f := range []Fen{0, 1, 9, 10, 99, 100, 101, 123456, 20000000, 18400000, MaxYuan*100 + 99} {
		for _, s := range []string{f.String(), f.Display()} {
			got, err := ParseYuan(s)
			if err != nil || got != f {
				t.Errorf("ParseYuan(%q) = %d, %v; want %d", s, got, err, f)
			}
		}
		p := Points(f)
		for _, s := range []string{p.String(), p.Display()} {
			got, err := ParsePoints(s)
			if err != nil || got != p {
				t.Errorf("ParsePoints(%q) = %d, %v; want %d", s, got, err, p)
			}
		}
	}
}
