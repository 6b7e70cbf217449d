from austausch.cli import main

main()
