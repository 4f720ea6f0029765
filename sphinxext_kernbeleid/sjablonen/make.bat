@echo off
rem Bouwopdrachten voor dit veiligheidsplan op Windows (op Linux en macOS: make).
rem
rem   make.bat website   de website van het plan        -> _build\website\index.html
rem   make.bat toets     is het plan raadsrijp?          -> _build\toets\kernbeleid-rapport.html
rem   make.bat word      IVP, uitvoeringsplan en bijlage  -> _build\word\
rem   make.bat excel     werkboek voor de partners        -> _build\excel\
rem   make.bat presentatie  de prioriteringssessie (PowerPoint) -> _build\presentatie\
rem   make.bat alles     website, toets, Word en Excel
rem   make.bat bekijk    website die meeververst terwijl u schrijft
rem   make.bat schoon    verwijdert _build\
rem
rem Python: de .venv in deze map als die er is, anders "python" (bijvoorbeeld uit een
rem geactiveerde virtuele omgeving). Extra opties voor sphinx-build: set OPTIES=-W
setlocal
pushd %~dp0
if "%PYTHON%" == "" (
	if exist .venv\Scripts\python.exe (set PYTHON=.venv\Scripts\python.exe) else (set PYTHON=python)
)
set UIT=_build
if "%1" == "schoon" goto schoon
if "%1" == "" goto gebruik
%PYTHON% -c "import sphinxext_kernbeleid" 2>NUL
if errorlevel 1 (
	echo sphinxext-kernbeleid is niet te vinden voor %PYTHON%.
	echo Activeer eerst de virtuele omgeving waarin u het installeerde, bijvoorbeeld:
	echo   C:\pad\naar\.venv\Scripts\activate
	echo of zet de Python van die omgeving: set PYTHON=C:\pad\naar\.venv\Scripts\python.exe
	set STATUS=1
	goto einde
)
set SPHINX=%PYTHON% -m sphinx -q %OPTIES%
set TOETS=%PYTHON% -m sphinx -q %OPTIES%

if "%1" == "website" goto website
if "%1" == "toets" goto toets
if "%1" == "word" goto word
if "%1" == "excel" goto excel
if "%1" == "alles" goto alles
if "%1" == "bekijk" goto bekijk
if "%1" == "schoon" goto schoon
if "%1" == "presentatie" goto presentatie
:gebruik
echo Gebruik: make.bat website ^| toets ^| word ^| excel ^| presentatie ^| alles ^| bekijk ^| schoon
set STATUS=1
goto einde

:website
%SPHINX% -b html . %UIT%\website
set STATUS=%ERRORLEVEL%
echo De website staat in %UIT%\website\index.html
goto einde

:toets
%TOETS% -b kernbeleid-check . %UIT%\toets
set STATUS=%ERRORLEVEL%
goto einde

:word
%SPHINX% -b kernbeleid-docx . %UIT%\word
set STATUS=%ERRORLEVEL%
echo De Word-documenten staan in %UIT%\word\
goto einde

:excel
%SPHINX% -b kernbeleid-xlsx . %UIT%\excel
set STATUS=%ERRORLEVEL%
echo Het werkboek voor de partners staat in %UIT%\excel\
goto einde

:presentatie
%SPHINX% -b kernbeleid-pptx . %UIT%\presentatie
set STATUS=%ERRORLEVEL%
echo De presentatie voor de prioriteringssessie staat in %UIT%\presentatie\
goto einde

:alles
%TOETS% -b kernbeleid-check . %UIT%\toets
set STATUS=%ERRORLEVEL%
%SPHINX% -b html . %UIT%\website
if errorlevel 1 set STATUS=1
%SPHINX% -b kernbeleid-docx . %UIT%\word
if errorlevel 1 set STATUS=1
%SPHINX% -b kernbeleid-xlsx . %UIT%\excel
if errorlevel 1 set STATUS=1
echo Website, toets, Word en Excel staan in %UIT%\
goto einde

:bekijk
%PYTHON% -c "import sphinx_autobuild" 2>NUL
if errorlevel 1 (
	echo Voor make.bat bekijk is sphinx-autobuild nodig. Installeer het met:
	echo   %PYTHON% -m pip install "sphinxext-kernbeleid[bekijk]"
	set STATUS=1
	goto einde
)
%PYTHON% -m sphinx_autobuild -q %OPTIES% --ignore "%UIT%/*" --ignore ".venv/*" . %UIT%\bekijk
set STATUS=%ERRORLEVEL%
goto einde

:schoon
echo Verwijdert %UIT%\ (alle gemaakte uitvoer; de tekst van het plan blijft staan).
if exist %UIT% rmdir /s /q %UIT%
set STATUS=0
goto einde

:einde
popd
exit /b %STATUS%
