@echo off
rem Launch script of the Windows distribution: bin\@PROGRAM@.cmd runs lib\@PROGRAM@.jar.
setlocal
set "JAVA_EXE=java"
if defined JAVA_HOME set "JAVA_EXE=%JAVA_HOME%\bin\java"
"%JAVA_EXE%" @JVM_OPTS@ %JAVA_OPTS% -jar "%~dp0..\lib\@PROGRAM@.jar" %*
exit /b %ERRORLEVEL%
