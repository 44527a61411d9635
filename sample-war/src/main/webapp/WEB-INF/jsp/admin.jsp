<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="h" uri="/WEB-INF/html.tld" %>
<%-- "/admin": only users whose WorkOS role is "admin" get here; the second AuthKit filter declaration
     in web.xml (roles-allowed=admin) answers 403 to everyone else. --%>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Admin - AuthKit example</title>
  <link rel="stylesheet" href="${pageContext.request.contextPath}/style.css">
</head>
<body>
<%@ include file="/WEB-INF/jsp/header.jspf" %>
<main>
  <h1>Admin</h1>
  <p id="admin-welcome">Only admins see this page. You are <strong>${h:text(authkitUser.displayName)}</strong>,
    role <code id="role">${h:text(authkitUser.role)}</code>
    (<code>request.isUserInRole("admin")</code> is ${pageContext.request.isUserInRole('admin')}).</p>
</main>
</body>
</html>
