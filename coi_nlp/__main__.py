from coi_nlp.cli import main

raise SystemExit(main())
