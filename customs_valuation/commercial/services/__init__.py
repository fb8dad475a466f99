"""Writes of part 2.2, by area: cases (opening, facts, items, grounds, triggers, checks),
documents, the worksheet, credit notes, decisions (acceptance, the importer's options, notices),
alternative methods, special cases; `release` answers part 2.3's release."""
