package main

import (
	"testing"

	"github.com/heft-dev/heft/diffstat"
)

func TestAppendNumstatIsFileString(t *testing.T) {
	for _, f := range []*diffstat.File{
		{NewPath: "a/b.go", Added: 3, Deleted: 1},
		{OldPath: "gone.txt", Deleted: 12, Op: diffstat.OpDeleted},
		{NewPath: "img.png", Binary: true},
		{OldPath: "old name", NewPath: "new name", Op: diffstat.OpRenamed},
	} {
		if got, want := string(appendNumstat(nil, f)), f.String()+"\n"; got != want {
			t.Errorf("appendNumstat = %q, File.String = %q", got, want)
		}
	}
}
