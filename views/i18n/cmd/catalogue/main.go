// Command catalogue brings views/i18n/locales/en.json in step with the code: it
// adds every Chinese message the code uses and the catalogue lacks, with an empty
// translation for a person to fill, and prints what is left to do.
//
//	go run ./views/i18n/cmd/catalogue          # add missing ids, list the work
//	go run ./views/i18n/cmd/catalogue -prune   # also drop ids the code no longer uses
//	go run ./views/i18n/cmd/catalogue -check   # change nothing; exit 1 unless clean
//
// The test views/i18n/catalogue_test.go fails until every id has an English text.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"growthcard/views/i18n/catalogue"
)

func main() {
	check := flag.Bool("check", false, "change nothing; exit 1 when the catalogue and the code disagree")
	prune := flag.Bool("prune", false, "remove catalogue entries the code no longer uses")
	flag.Parse()
	if err := run(*check, *prune); err != nil {
		fmt.Fprintln(os.Stderr, "catalogue:", err)
		os.Exit(1)
	}
}

func run(check, prune bool) error {
	root, err := catalogue.Root(".")
	if err != nil {
		return err
	}
	src, err := catalogue.Scan(root)
	if err != nil {
		return err
	}
	path := filepath.Join(root, catalogue.Path)
	cat, err := catalogue.Load(path)
	if err != nil {
		return err
	}
	report := catalogue.Compare(src, cat)
	if !check {
		added, removed := catalogue.Update(cat, report, prune)
		// Always rewrite: the file stays sorted, one entry per line.
		if err := catalogue.Save(path, cat); err != nil {
			return err
		}
		for _, id := range added {
			fmt.Printf("added   %q  (%v)\n", id, src.Messages[id].Where)
		}
		for _, id := range removed {
			fmt.Printf("removed %q\n", id)
		}
		report = catalogue.Compare(src, cat)
	}
	fmt.Printf("%d messages in the code, %d entries in %s\n", len(src.Messages), len(cat), catalogue.Path)
	if report.OK() {
		fmt.Println("the catalogue is complete")
		return nil
	}
	fmt.Print(report.String(src))
	if len(report.Untranslated) > 0 {
		fmt.Printf("fill the %d empty English texts in %s (keep %%d %%s in the same order)\n",
			len(report.Untranslated), catalogue.Path)
	}
	if len(report.Unused) > 0 && !prune {
		fmt.Println("run with -prune to drop the unused entries")
	}
	if check {
		return fmt.Errorf("catalogue out of date")
	}
	return nil
}
