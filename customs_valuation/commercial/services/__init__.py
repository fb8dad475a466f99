"""Writes of part 2.2, by area: cases (opening, facts, items), checks (grounds, triggers,
verification), documents, the worksheet, assists, credit notes, values (whether the transaction
value can stand, the value history, the notice naming the method), decisions (acceptance, the
importer's options, disqualification), alternative methods, special cases; `release` answers part
2.3's release; `common` what they share."""
